using System.Collections.Immutable;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Syntax;
using Ward.Aws.Tests.Testing;
using Ward.Core.Decisions;

namespace Ward.Aws.Tests.Policy;

/// <summary>
/// The AWS decision procedure, facet by facet: layers, accounts, principals, problems, open contexts and
/// properties. Policies are written as JSON and go through the real parser.
/// </summary>
public sealed partial class AwsAuthorizerTests
{
    private const string Account = "111122223333";
    private const string OtherAccount = "444455556666";
    private const string ReportObject = "arn:aws:s3:::reports/2024/q1.csv";
    private const string DeployRoleArn = "arn:aws:iam::111122223333:role/deploy";
    private const string KeyArn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static readonly AwsPrincipal Alice = AwsPrincipal.Parse("arn:aws:iam::111122223333:user/alice");
    private static readonly AwsPrincipal Bob = AwsPrincipal.Parse("arn:aws:iam::111122223333:user/bob");
    private static readonly AwsPrincipal DeployRole = AwsPrincipal.Parse(DeployRoleArn);
    private static readonly AwsPrincipal DeploySession = AwsPrincipal.Parse("arn:aws:sts::111122223333:assumed-role/deploy/ci-run-42");
    private static readonly AwsPrincipal Root = AwsPrincipal.Parse("arn:aws:iam::111122223333:root");
    private static readonly AwsPrincipal Mallory = AwsPrincipal.Parse("arn:aws:iam::444455556666:user/mallory");
    private static readonly AwsPrincipal Lambda = AwsPrincipal.Parse("lambda.amazonaws.com");

    private static AwsRequest Request(
        AwsPrincipal principal,
        string action = "s3:GetObject",
        string resource = ReportObject,
        string? resourceAccount = Account,
        RequestContext? context = null) => new()
        {
            Principal = principal,
            Action = action,
            Resource = resource,
            ResourceAccount = resourceAccount,
            Context = context ?? RequestContext.Empty,
        };

    private static Decision Authorize(AwsRequest request, AwsPolicySet policies) => AwsAuthorizer.Authorize(request, policies);

    /// <summary>A statement without Principal, as identity policies, boundaries, session policies and SCPs have.</summary>
    private static string Statement(string effect, string action = "s3:GetObject", string resource = "*", string? condition = null, string? sid = null) =>
        "{" + (sid is null ? string.Empty : $"\"Sid\":\"{sid}\",")
        + $"\"Effect\":\"{effect}\",\"Action\":\"{action}\",\"Resource\":\"{resource}\""
        + (condition is null ? string.Empty : $",\"Condition\":{condition}") + "}";

    /// <summary>A resource-policy statement; <paramref name="principal"/> is the JSON of the whole principal element.</summary>
    private static string ResourceStatement(string effect, string principal, string action = "s3:GetObject", string resource = "*", string? condition = null) =>
        "{" + $"\"Effect\":\"{effect}\",{principal},\"Action\":\"{action}\",\"Resource\":\"{resource}\""
        + (condition is null ? string.Empty : $",\"Condition\":{condition}") + "}";

    private static string Aws(string value) => $"\"Principal\":{{\"AWS\":\"{value}\"}}";

    private static NamedPolicy Identity(params string[] statements) => PolicyText.Named("identity", PolicyText.Policy(statements));

    private static NamedPolicy Boundary(params string[] statements) => PolicyText.Named("boundary", PolicyText.Policy(statements), PolicyKind.PermissionsBoundary);

    private static NamedPolicy Session(params string[] statements) => PolicyText.Named("session", PolicyText.Policy(statements), PolicyKind.Session);

    private static NamedPolicy ResourcePolicy(params string[] statements) => PolicyText.Named("resource policy", PolicyText.Policy(statements), PolicyKind.Resource);

    private static NamedPolicy TrustPolicy(params string[] statements) => PolicyText.Named("trust policy", PolicyText.Policy(statements), PolicyKind.RoleTrust);

    private static ControlPolicyLevel Scp(string target, params string[] statements) =>
        new(target, [PolicyText.Named($"scp at {target}", PolicyText.Policy(statements), PolicyKind.ServiceControl)]);

    private static ControlPolicyLevel Rcp(string target, params string[] statements) =>
        new(target, [PolicyText.Named($"rcp at {target}", PolicyText.Policy(statements), PolicyKind.ResourceControl)]);

    private static ImmutableArray<ControlPolicyLevel> FullAccessScps() =>
        [Scp("r-root", Statement("Allow", "*")), Scp("ou-workloads", Statement("Allow", "*")), Scp(Account, Statement("Allow", "*"))];

    private static AwsPolicySet AllowS3Read() => new() { IdentityPolicies = [Identity(Statement("Allow", "s3:GetObject"))] };

    private static void AssertKind(DecisionKind expected, Decision decision) =>
        Assert.True(expected == decision.Kind, $"expected {expected}, got {decision.Kind}: {decision.Explanation.Summary}");
}
