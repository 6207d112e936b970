using Ward.Analysis;
using Ward.Aws.Ingest;
using Ward.Core.Model;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>ward-sts-outsider</c> and <c>ward-sts-federated</c>: parties outside the exported account that a trust policy
/// lets into an administrator role become graph nodes with a path to admin; a trust that keeps them out (an
/// organization condition, an explicit deny, an exact OIDC subject that the outsider's token lacks) gives no such
/// path, or one that holds only for the token holders the trust names.
/// </summary>
public sealed class OutsidePartyEdgeTests
{
    private const string Account = "123412341234";
    private const string Vendor = "999988887777";
    private const string GitHub = $"arn:aws:iam::{Account}:oidc-provider/token.actions.githubusercontent.com";
    private const string Saml = $"arn:aws:iam::{Account}:saml-provider/CorporateIdP";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    private static readonly Lazy<ScanResult> Scan = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("ward-outside-").FullName;
        File.WriteAllText(Path.Combine(folder, "gaad.json"), Gaad(
            Role("vendor-admin", $$$$"""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{{{Vendor}}}}:root"},"Action":"sts:AssumeRole"}"""),
            Role("vendor-admin-with-external-id", $$$$"""{"Effect":"Allow","Principal":{"AWS":"{{{{Vendor}}}}"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"contoso-7f3a"}}}"""),
            Role("vendor-if-in-no-organization-admin", $$$$"""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{{{Vendor}}}}:root"},"Action":"sts:AssumeRole","Condition":{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-abcd123456"}}}"""),
            Role("vendor-in-organization-admin", $$$$"""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{{{Vendor}}}}:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abcd123456"}}}"""),
            Role("org-only-admin", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abcd123456"}}}"""),
            Role("denied-vendor-admin", $$$$"""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{{{Vendor}}}}:root"},"Action":"sts:AssumeRole"},{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringNotEquals":{"aws:PrincipalAccount":"{{{{Account}}}}"}}}"""),
            Role("github-any-repo-admin", $$$$"""{"Effect":"Allow","Principal":{"Federated":"{{{{GitHub}}}}"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}}"""),
            Role("github-main-admin", $$$$"""{"Effect":"Allow","Principal":{"Federated":"{{{{GitHub}}}}"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:contoso/infra:ref:refs/heads/main"}}}"""),
            Role("idp-admin", $$$$"""{"Effect":"Allow","Principal":{"Federated":"{{{{Saml}}}}"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}"""),
            // A reader that may not assume roles: any role of the account may get into org-only-admin (below).
            Role("vendor-reader", $$$$"""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{{{Vendor}}}}:role/Auditor"},"Action":"sts:AssumeRole"}""", admin: false, more: """,{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"*"}"""),
            Role("app-runner", """{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}""", admin: false)));
        return Scanner.Scan(AwsEstateLoader.Load([folder]), AsOf);
    });

    [Fact]
    public void An_external_account_trusted_by_an_administrator_role_reaches_admin_in_one_step()
    {
        var finding = Assert.Single(Scan.Value.Findings, f => f.RuleId == "privilege-escalation" && f.Principal == $"arn:aws:iam::{Vendor}:root");
        var step = Assert.Single(finding.Path);

        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal(Vendor, finding.Account);
        Assert.Equal("ward-sts-outsider", step.Technique);
        Assert.Contains("is outside the exported accounts", finding.Explanation, StringComparison.Ordinal);
        Assert.Equal("trust policy of role vendor-admin, statement #0", Assert.Single(step.Permissions).GrantedBy);
        Assert.Empty(step.Requirements);
        Assert.Equal(PrincipalKind.ExternalPrincipal, Scan.Value.Graph.Graph.Nodes[new PrincipalId($"arn:aws:iam::{Vendor}:root")].Kind);
    }

    [Fact]
    public void A_third_party_asked_for_an_external_id_is_taken_to_know_it()
    {
        var edge = Assert.Single(Scan.Value.Graph.Graph.Edges, e => e.To.Value.EndsWith(":role/vendor-admin-with-external-id", StringComparison.Ordinal));

        Assert.Equal($"arn:aws:iam::{Vendor}:root", edge.From.Value);
        Assert.False(edge.IsConditional);
        Assert.Contains("StringEquals sts:ExternalId contoso-7f3a", Assert.Single(edge.Permissions).Conditions, StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("org-only-admin")]       // `*` limited to the organization: an outsider carries another organization id
    [InlineData("denied-vendor-admin")]  // an explicit deny for every other account
    public void A_trust_that_keeps_outsiders_out_gives_them_no_edge(string role)
    {
        Assert.DoesNotContain(Scan.Value.Graph.Graph.Edges, e => e.To.Value.EndsWith($":role/{role}", StringComparison.Ordinal) && !e.From.Value.Contains($":{Account}:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_trust_open_to_the_organization_lets_a_principal_of_the_account_in_if_the_account_is_in_it()
    {
        // Within the account, a trust naming everyone needs no identity policy; without an organization export,
        // whether the account belongs to o-abcd123456 is unknown.
        var edge = Assert.Single(Scan.Value.Graph.Graph.Edges, e => e.To.Value.EndsWith(":role/org-only-admin", StringComparison.Ordinal));

        Assert.Equal(($"arn:aws:iam::{Account}:role/app-runner", "sts-001"), (edge.From.Value, edge.Technique));
        Assert.True(edge.IsConditional);
        Assert.Contains(edge.Requirements, r => r.Contains("aws:PrincipalOrgID", StringComparison.Ordinal));

        // The path's explanation quotes what it still needs, so a reader need not open the step
        var finding = Assert.Single(Scan.Value.Findings, f => f.RuleId == "privilege-escalation" && f.Principal == edge.From.Value);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains($"Some steps hold only under conditions Ward could not decide: {edge.Requirements[0]}", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_account_gets_past_an_if_exists_organization_test_if_it_is_in_no_organization()
    {
        // IAM sends aws:PrincipalOrgID only for accounts of an organization; whether the vendor's is, the export does not say
        var edge = Assert.Single(Scan.Value.Graph.Graph.Edges, e => e.To.Value.EndsWith(":role/vendor-if-in-no-organization-admin", StringComparison.Ordinal));
        Assert.Equal($"arn:aws:iam::{Vendor}:root", edge.From.Value);
        Assert.True(edge.IsConditional);
        Assert.Contains($"account {Vendor} belongs to no AWS organization (its requests then carry no aws:PrincipalOrgID)", edge.Requirements, StringComparer.Ordinal);


        // A plain organization test keeps it out either way
        Assert.DoesNotContain(Scan.Value.Graph.Graph.Edges, e => e.To.Value.EndsWith(":role/vendor-in-organization-admin", StringComparison.Ordinal) && e.From.Value.Contains(Vendor, StringComparison.Ordinal));
    }

    [Fact]
    public void An_oidc_trust_without_a_subject_condition_lets_any_token_holder_become_admin()
    {
        var edge = Assert.Single(Scan.Value.Graph.Graph.Edges, e => e.To.Value.EndsWith(":role/github-any-repo-admin", StringComparison.Ordinal));

        Assert.Equal(GitHub, edge.From.Value);
        Assert.Equal("ward-sts-federated", edge.Technique);
        Assert.False(edge.IsConditional);
        Assert.Equal("sts:AssumeRoleWithWebIdentity", Assert.Single(edge.Permissions).Action);
        var finding = Assert.Single(Scan.Value.Findings, f => f.RuleId == "privilege-escalation" && f.Principal == GitHub);
        Assert.Equal(Severity.Critical, finding.Severity);
    }

    [Fact]
    public void An_oidc_trust_pinned_to_a_subject_holds_only_for_that_subjects_tokens()
    {
        var edge = Assert.Single(Scan.Value.Graph.Graph.Edges, e => e.To.Value.EndsWith(":role/github-main-admin", StringComparison.Ordinal));

        Assert.True(edge.IsConditional);
        Assert.Contains(edge.Requirements, r => r.Contains("token.actions.githubusercontent.com:sub repo:contoso/infra:ref:refs/heads/main", StringComparison.Ordinal));
    }

    [Fact]
    public void A_saml_provider_is_in_the_graph_but_its_sign_in_to_an_administrator_role_is_not_a_finding()
    {
        Assert.Contains(Scan.Value.Graph.Graph.Edges, e => e.From.Value == Saml && e.To.Value.EndsWith(":role/idp-admin", StringComparison.Ordinal));
        Assert.Equal(PrincipalKind.FederatedPrincipal, Scan.Value.Graph.Graph.Nodes[new PrincipalId(Saml)].Kind);
        Assert.DoesNotContain(Scan.Value.Findings, f => f.Principal == Saml);
    }

    [Fact]
    public void A_trust_into_a_role_that_leads_nowhere_is_not_on_any_path()
    {
        Assert.DoesNotContain(Scan.Value.Graph.Graph.Edges, e => e.To.Value.EndsWith(":role/vendor-reader", StringComparison.Ordinal));
        Assert.DoesNotContain(Scan.Value.Findings, f => f.RuleId == "privilege-escalation" && f.Principal.Contains(":role/Auditor", StringComparison.Ordinal));
    }

    private static string Gaad(params string[] roles) => $$"""
        {"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [{{string.Join(",", roles)}}], "Policies": []}
        """;

    private static string Role(string name, string trustStatements, bool admin = true, string more = "") => $$$"""
        {"Path": "/", "RoleName": "{{{name}}}", "RoleId": "AROA{{{name.Length:D17}}}", "Arn": "arn:aws:iam::{{{Account}}}:role/{{{name}}}", "CreateDate": "2024-01-01T00:00:00Z",
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{{{trustStatements}}}]},
         "InstanceProfileList": [], "RolePolicyList": [{"PolicyName": "duties", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "{{{(admin ? "*" : "s3:GetObject")}}}", "Resource": "*"}{{{more}}}]}}],
         "AttachedManagedPolicies": [], "Tags": [], "RoleLastUsed": {}}
        """;
}
