using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Parsing;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Diagnostics;

namespace Ward.Benchmarks;

/// <summary>One request against a principal with 10 attached policies (plus a boundary and two SCP levels).</summary>
[MemoryDiagnoser]
public class AwsPolicyEvaluationBenchmarks
{
    private AwsRequest _request = null!;
    private AwsPolicySet _policies = null!;
    private AwsPolicySet _identityOnly = null!;

    [GlobalSetup]
    public void Setup()
    {
        var identity = Enumerable.Range(0, 10).Select(i => Policy("""
            {"Version":"2012-10-17","Statement":[
              {"Sid":"Read@I@","Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":["arn:aws:s3:::team-@I@-*","arn:aws:s3:::shared/${aws:PrincipalTag/team}/*"]},
              {"Sid":"Write@I@","Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::team-@I@-*/*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"},"Bool":{"aws:SecureTransport":"true"}}},
              {"Sid":"Kms@I@","Effect":"Allow","Action":["kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*","Condition":{"StringLike":{"kms:ViaService":"s3.*.amazonaws.com"}}},
              {"Sid":"Deny@I@","Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}
            ]}
            """.Replace("@I@", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), PolicyKind.Identity, $"policy{i}")).ToImmutableArray();
        var boundary = Policy("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","kms:*"],"Resource":"*"}]}""", PolicyKind.PermissionsBoundary, "boundary");
        var fullAccess = Policy("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", PolicyKind.ServiceControl, "FullAWSAccess");
        var denyRegions = Policy("""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1","eu-central-1"]}}}]}""", PolicyKind.ServiceControl, "DenyRegions");

        _policies = new AwsPolicySet
        {
            IdentityPolicies = identity,
            PermissionsBoundary = boundary,
            ServiceControlPolicies = [new ControlPolicyLevel("root", [fullAccess]), new ControlPolicyLevel("ou-prod", [fullAccess, denyRegions])],
        };
        _identityOnly = new AwsPolicySet { IdentityPolicies = identity };
        _request = new AwsRequest
        {
            Principal = AwsPrincipal.Parse("arn:aws:iam::123456789012:user/alice"),
            Action = "s3:PutObject",
            Resource = "arn:aws:s3:::team-7-reports/2026/q3.csv",
            ResourceAccount = "123456789012",
            Context = RequestContext.Closed(new Dictionary<string, ContextValue>(StringComparer.Ordinal)
            {
                ["aws:RequestedRegion"] = ContextValue.Of("eu-west-1"),
                ["aws:SecureTransport"] = ContextValue.Of("true"),
                ["aws:PrincipalTag/team"] = ContextValue.Of("payments"),
                ["aws:username"] = ContextValue.Of("alice"),
            }),
        };
    }

    [Benchmark(Baseline = true, Description = "10 identity policies + boundary + 2 SCP levels")]
    public bool AuthorizeAllLayers() => AwsAuthorizer.Authorize(_request, _policies).IsAllowed;

    [Benchmark(Description = "10 identity policies only")]
    public bool AuthorizeIdentityOnly() => AwsAuthorizer.Authorize(_request, _identityOnly).IsAllowed;

    private static NamedPolicy Policy(string json, PolicyKind kind, string name)
    {
        var result = PolicyParser.ParseText(json, kind, new SourceLocation(name));
        return new NamedPolicy(name, result.Document ?? throw new InvalidOperationException(string.Join("; ", result.Diagnostics)));
    }
}
