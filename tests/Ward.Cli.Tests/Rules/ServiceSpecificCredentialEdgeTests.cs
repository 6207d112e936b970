using Ward.Analysis;
using Ward.Aws.Ingest;
using Ward.Core.Graph;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>ward-iam-service-credential</c> and the <c>service-credential-takeover</c> rule: a principal that can create
/// another user's service-specific credential acts as that user in CodeCommit, Amazon Keyspaces and Amazon Bedrock
/// only, so it gets a finding but no path to admin through the user. Safe twins: an explicit deny, a grant on its own
/// user only, a permissions boundary, a target that cannot use any of the services.
/// </summary>
public sealed class ServiceSpecificCredentialEdgeTests
{
    private const string Account = "123400005678";
    private const string Technique = "ward-iam-service-credential";
    private const string RuleId = "service-credential-takeover";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    private const string Everything = """{"Effect":"Allow","Action":"*","Resource":"*"}""";
    private const string CreateAny = """{"Effect":"Allow","Action":["iam:CreateServiceSpecificCredential","iam:ListUsers"],"Resource":"*"}""";
    private const string DenyCreate = """{"Effect":"Deny","Action":"iam:CreateServiceSpecificCredential","Resource":"*"}""";
    private const string CreateOwn = """{"Effect":"Allow","Action":"iam:CreateServiceSpecificCredential","Resource":"arn:aws:iam::*:user/${aws:username}"}""";
    private const string CreateForDevelopers = """{"Effect":"Allow","Action":"iam:CreateServiceSpecificCredential","Resource":"arn:aws:iam::123400005678:user/dev-*"}""";
    private const string CreateForOperators = """{"Effect":"Allow","Action":"iam:CreateServiceSpecificCredential","Resource":"arn:aws:iam::123400005678:user/ops-*"}""";
    private const string CreateCodeCommitOnly = """{"Effect":"Allow","Action":"iam:CreateServiceSpecificCredential","Resource":"*","Condition":{"StringEquals":{"iam:ServiceSpecificCredentialServiceName":"codecommit.amazonaws.com"}}}""";
    private const string ResetAny = """{"Effect":"Allow","Action":["iam:ResetServiceSpecificCredential","iam:ListServiceSpecificCredentials"],"Resource":"*"}""";
    private const string Developer = """{"Effect":"Allow","Action":["codecommit:GitPull","codecommit:GitPush"],"Resource":"*"}""";
    private const string Storage = """{"Effect":"Allow","Action":"s3:*","Resource":"*"}""";
    private const string ListOnly = """{"Effect":"Allow","Action":"iam:List*","Resource":"*"}""";

    private static readonly Lazy<ScanResult> Scan = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("ward-service-credential-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, Account));
        var boundary = $"arn:aws:iam::{Account}:policy/list-only-boundary";
        string[] users =
        [
            User("deploy-admin", Everything),
            User("dev-carol", Developer),
            User("ops-dave", Storage),
            User("helpdesk", CreateAny),
            User("repo-helper", CreateForDevelopers),
            User("codecommit-helpdesk", CreateCodeCommitOnly),
            User("reset-helpdesk", ResetAny),
            User("denied-helpdesk", $"{CreateAny},{DenyCreate}"),
            User("self-service", CreateOwn),
            User("bounded-helpdesk", CreateAny, boundary),
            User("ops-helper", CreateForOperators),
        ];
        File.WriteAllText(Path.Combine(folder, Account, "gaad.json"), $$"""
            {"UserDetailList": [{{string.Join(",", users)}}], "GroupDetailList": [], "RoleDetailList": [], "Policies": [{{ManagedPolicy(boundary, ListOnly)}}]}
            """);
        return Scanner.Scan(AwsEstateLoader.Load([folder]), AsOf);
    });

    [Fact]
    public void A_principal_that_can_create_an_administrators_credential_acts_as_it_in_those_services_only()
    {
        var edge = EdgeFrom("helpdesk");

        Assert.EndsWith(":user/deploy-admin", edge.To.Value, StringComparison.Ordinal);
        Assert.Equal(["codecommit", "cassandra", "bedrock"], edge.LimitedToServices);
        Assert.False(edge.GrantsAdmin);
        Assert.Empty(edge.Requirements);
        var permission = Assert.Single(edge.Permissions);
        Assert.Equal(("iam:CreateServiceSpecificCredential", $"arn:aws:iam::{Account}:user/deploy-admin"), (permission.Action, permission.Resource));
    }

    [Fact]
    public void Taking_over_an_administrators_credential_is_a_high_finding_but_no_path_to_admin()
    {
        var findings = Scan.Value.Findings.Where(f => f.Principal.EndsWith(":user/helpdesk", StringComparison.Ordinal)).ToList();

        var finding = Assert.Single(findings, f => f.RuleId == RuleId);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal(Technique, Assert.Single(finding.Path).Technique);
        Assert.DoesNotContain(findings, f => f.RuleId == "privilege-escalation");
        Assert.False(Scan.Value.Graph.Graph.ShortestPathsTo(n => n.IsAdmin).ContainsKey(new(ArnOf("helpdesk"))));
    }

    [Fact]
    public void A_target_that_is_no_administrator_but_uses_the_service_is_a_medium_finding()
    {
        var edge = EdgeFrom("repo-helper");

        Assert.EndsWith(":user/dev-carol", edge.To.Value, StringComparison.Ordinal);
        Assert.Equal(["codecommit"], edge.LimitedToServices);
        Assert.Equal(Severity.Medium, Assert.Single(Scan.Value.Findings, f => f.RuleId == RuleId && f.Principal.EndsWith(":user/repo-helper", StringComparison.Ordinal)).Severity);
    }

    [Fact]
    public void A_condition_on_the_service_name_limits_the_edge_to_that_service()
    {
        Assert.Equal(["codecommit"], EdgeFrom("codecommit-helpdesk").LimitedToServices);
    }

    [Fact]
    public void Resetting_needs_an_existing_credential_so_the_edge_is_conditional()
    {
        var edge = EdgeFrom("reset-helpdesk");

        Assert.Contains(edge.Requirements, r => r.Contains("`deploy-admin` already has a CodeCommit service-specific credential", StringComparison.Ordinal));
        Assert.Equal(["iam:ListServiceSpecificCredentials", "iam:ResetServiceSpecificCredential"], edge.Permissions.Select(p => p.Action).Distinct(StringComparer.Ordinal).ToList());
        Assert.Equal(Severity.Medium, Assert.Single(Scan.Value.Findings, f => f.RuleId == RuleId && f.Principal.EndsWith(":user/reset-helpdesk", StringComparison.Ordinal)).Severity);
    }

    [Theory]
    [InlineData("denied-helpdesk")]   // an explicit deny
    [InlineData("self-service")]      // only its own user
    [InlineData("bounded-helpdesk")]  // a permissions boundary without the action
    [InlineData("ops-helper")]        // its only target can use none of the services
    public void Without_a_usable_credential_of_another_user_there_is_no_edge_and_no_finding(string user)
    {
        Assert.DoesNotContain(Scan.Value.Graph.Graph.Edges, e => e.Technique == Technique && e.From.Value == ArnOf(user));
        Assert.DoesNotContain(Scan.Value.Findings, f => f.RuleId == RuleId && f.Principal == ArnOf(user));
    }

    private static Edge EdgeFrom(string user) =>
        Assert.Single(Scan.Value.Graph.Graph.Edges, e => e.Technique == Technique && e.From.Value == ArnOf(user));

    private static string ArnOf(string user) => $"arn:aws:iam::{Account}:user/{user}";

    private static string User(string name, string statements, string? boundary = null) => $$$"""
        {"Path": "/", "UserName": "{{{name}}}", "UserId": "AIDA{{{name.Length:D17}}}{{{name[0]}}}", "Arn": "arn:aws:iam::{{{Account}}}:user/{{{name}}}", "CreateDate": "2024-01-01T00:00:00Z",
         {{{(boundary is null ? string.Empty : $"\"PermissionsBoundary\": {{\"PermissionsBoundaryType\": \"Policy\", \"PermissionsBoundaryArn\": \"{boundary}\"}},")}}}
         "UserPolicyList": [{"PolicyName": "duties", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{{{statements}}}]}}], "GroupList": [], "AttachedManagedPolicies": [], "Tags": []}
        """;

    private static string ManagedPolicy(string arn, string statements) => $$$"""
        {"PolicyName": "{{{arn[(arn.LastIndexOf('/') + 1)..]}}}", "PolicyId": "ANPA{{{arn.Length:D17}}}", "Arn": "{{{arn}}}", "Path": "/", "DefaultVersionId": "v1", "AttachmentCount": 0,
         "PermissionsBoundaryUsageCount": 1, "IsAttachable": true, "CreateDate": "2024-01-01T00:00:00Z", "UpdateDate": "2024-01-01T00:00:00Z",
         "PolicyVersionList": [{"Document": {"Version": "2012-10-17", "Statement": [{{{statements}}}]}, "VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2024-01-01T00:00:00Z"}]}
        """;
}
