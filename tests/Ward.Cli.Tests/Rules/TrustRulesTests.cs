using Ward.Analysis;
using Ward.Aws.Ingest;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// The trust rules on one account export whose roles come in vulnerable and safe twins: each twin differs by
/// the one element (a condition, a deny, an exact subject) that keeps outsiders out.
/// </summary>
public sealed class TrustRulesTests
{
    private const string Account = "123456789012";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);
    private static readonly Lazy<ScanResult> Scan = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("ward-trust-").FullName;
        File.WriteAllText(Path.Combine(folder, "gaad.json"), Gaad());
        return Scanner.Scan(AwsEstateLoader.Load([folder]), AsOf);
    });

    [Theory]
    [InlineData("public-role-trust", "open-to-everyone", "Critical")]
    [InlineData("external-trust-without-external-id", "vendor-without-external-id", "High")]
    [InlineData("whole-account-trust", "whole-account", "Medium")]
    [InlineData("oidc-trust-unrestricted", "github-any-repository", "Critical")]
    [InlineData("oidc-trust-unrestricted", "eks-any-service-account", "Critical")]
    [InlineData("oidc-trust-unrestricted", "github-wildcard-branch", "Medium")]
    [InlineData("cross-account-access", "vendor-with-external-id", "Info")]
    // A condition every principal of the account meets narrows nothing.
    [InlineData("whole-account-trust", "whole-account-narrowed-to-itself", "Medium")]
    // `*` narrowed to the role's own account by a condition: as if Principal named the account.
    [InlineData("whole-account-trust", "open-to-this-account-by-condition", "Medium")]
    // `*` narrowed to another account by a condition rather than by Principal.
    [InlineData("external-trust-without-external-id", "open-to-one-account-by-condition", "High")]
    // Anyone can create a role called OrganizationAccountAccessRole in an account of their own.
    [InlineData("public-role-trust", "open-to-a-role-name-anywhere", "Critical")]
    // Any GitHub user can create the organization `acme-x`, or a repository called `infra`.
    [InlineData("oidc-trust-unrestricted", "github-owner-prefix", "Critical")]
    [InlineData("oidc-trust-unrestricted", "github-any-owner-of-a-repository-name", "Critical")]
    // Cognito: guests of the pool are anyone on the internet; without `aud`, any pool's identities.
    [InlineData("oidc-trust-unrestricted", "cognito-guests", "High")]
    [InlineData("oidc-trust-unrestricted", "cognito-any-pool", "Critical")]
    // An ExternalId condition any value (or none) satisfies is no guard.
    [InlineData("external-trust-without-external-id", "vendor-with-any-external-id", "High")]
    [InlineData("external-trust-without-external-id", "vendor-with-external-id-if-exists", "High")]
    [InlineData("saml-federated-trust", "saml-federated", "Info")]
    // IAM sets aws:PrincipalOrgID only for accounts in an organization: IfExists lets every standalone account in.
    [InlineData("public-role-trust", "open-to-organization-if-exists", "Critical")]
    // Anyone can create the GitLab.com group or HCP Terraform organization `acme-x`.
    [InlineData("oidc-trust-unrestricted", "gitlab-owner-prefix", "Critical")]
    [InlineData("oidc-trust-unrestricted", "terraform-cloud-organization-prefix", "Critical")]
    // Wildcards inside the group or organization: only its own projects and workspaces.
    [InlineData("oidc-trust-unrestricted", "gitlab-any-project-of-the-group", "Medium")]
    [InlineData("oidc-trust-unrestricted", "terraform-cloud-any-workspace-of-the-organization", "Medium")]
    // `StringLike aud "*"` checks no audience.
    [InlineData("oidc-trust-unrestricted", "github-any-audience", "Low")]
    // sts:AssumeRole is a direct call: no aws:SourceVpce unless through an endpoint, no aws:SourceAccount ever.
    [InlineData("public-role-trust", "open-to-an-endpoint-if-exists", "Critical")]
    [InlineData("public-role-trust", "open-to-a-source-account-if-exists", "Critical")]
    // Anyone can create a role tagged team=ops in an account of their own.
    [InlineData("public-role-trust", "open-to-a-principal-tag", "Critical")]
    // Any repository's token, but only from an address the export cannot tell: under conditions.
    [InlineData("oidc-trust-unrestricted", "github-any-repository-from-the-office", "High")]
    // IAM does not put custom claims in the context: a negated test on one always passes.
    [InlineData("oidc-trust-unrestricted", "github-not-an-evil-owner", "Critical")]
    // The application a Login with Amazon trust pins is the expected audience: any Amazon user of it gets in.
    [InlineData("oidc-trust-unrestricted", "amazon-any-user-of-the-application", "Critical")]
    // A Deny of every other subject reads like an Allow of the subjects it leaves.
    [InlineData("oidc-trust-unrestricted", "github-any-repository-of-the-owner-by-a-deny", "Medium")]
    // The pool's guests are let in by the second statement, its members by the first: the guests count.
    [InlineData("oidc-trust-unrestricted", "cognito-members-then-guests", "High")]
    public void Vulnerable_twins_are_reported(string rule, string role, string severity)
    {
        var finding = Assert.Single(FindingsOn(role), f => f.RuleId == rule);
        Assert.Equal(severity, finding.Severity.ToString());
        Assert.Contains($"`{role}`", finding.Title, StringComparison.Ordinal);
        Assert.Contains("Probe:", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("open-to-organization")]
    [InlineData("open-to-an-organizational-unit")]
    [InlineData("open-to-a-role-name-here")]
    [InlineData("whole-account-with-mfa")]
    [InlineData("open-but-denied-outside")]
    [InlineData("github-exact-subject")]
    [InlineData("eks-exact-service-account")]
    [InlineData("named-role")]
    // StringEquals compares the text: no token's subject is `repo:acme/*`.
    [InlineData("github-star-taken-literally")]
    // The identity pool's own signed-in users: what the Cognito console writes.
    [InlineData("cognito-authenticated")]
    [InlineData("github-exact-subject-and-audience-by-like")]
    [InlineData("open-to-an-endpoint")]
    [InlineData("github-exact-subject-and-a-deny")]
    [InlineData("open-to-a-role-of-this-account-by-condition")]
    // IAM does not put custom claims in the context: a StringEquals on one never matches, no token is accepted.
    [InlineData("github-repository-owner")]
    [InlineData("github-job-workflow")]
    [InlineData("open-to-a-principal-tag-in-this-account")]
    [InlineData("open-to-a-source-account")]
    // aws:SourceOrgPaths, like the other source keys, is set only when a service acts for a resource.
    [InlineData("open-to-source-organization-paths")]
    public void Safe_twins_have_no_trust_risk(string role)
    {
        Assert.DoesNotContain(FindingsOn(role), f => f.Category == "trust" && f.Severity > Severity.Info);
    }

    [Fact]
    public void An_organization_test_that_passes_when_the_key_is_absent_admits_accounts_in_no_organization()
    {
        var finding = Assert.Single(FindingsOn("open-to-organization-if-exists"), f => f.RuleId == "public-role-trust");
        Assert.Contains("in no organization", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_principal_tag_condition_is_met_by_an_outsider_that_tags_its_own_role()
    {
        var finding = Assert.Single(FindingsOn("open-to-a-principal-tag"), f => f.RuleId == "public-role-trust");
        Assert.Contains("tagged `team`=`ops`, as anyone may tag a principal of their own", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oidc_trust_open_only_under_conditions_says_so()
    {
        var finding = Assert.Single(FindingsOn("github-any-repository-from-the-office"), f => f.RuleId == "oidc-trust-unrestricted");
        Assert.EndsWith("under conditions", finding.Title, StringComparison.Ordinal);
        Assert.Contains("allowed only if", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("open-by-one-of-two-statements", "public-role-trust", "Open", "Organization")]
    [InlineData("github-open-by-one-of-two-statements", "oidc-trust-unrestricted", "AnyRepository", "Deploy")]
    public void A_trust_open_by_one_of_its_statements_is_one_finding_naming_that_statement(string role, string rule, string open, string safe)
    {
        // Given a trust policy with a statement that keeps outsiders out and one that lets them in
        var findings = FindingsOn(role).Where(f => f.RuleId == rule).ToList();

        // Then one finding names the statement that lets them in, not the one that keeps them out
        var finding = Assert.Single(findings);
        Assert.Contains($"Trust policy statement `{open}`", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain($"`{safe}`", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_account_written_as_its_id_and_as_its_root_is_one_party()
    {
        // Given a trust naming account 777766665555 in one statement by id and in another by its root ARN
        var findings = FindingsOn("vendor-account-written-two-ways");

        // Then each rule reports it once, the other statement named as letting it in as well
        var finding = Assert.Single(findings, f => f.RuleId == "external-trust-without-external-id");
        Assert.Single(findings, f => f.RuleId == "cross-account-access");
        Assert.Contains("lets it in as well", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_open_to_another_organization_is_cross_account_access_from_it()
    {
        // Given roles open to `*` of organization o-zzzzzzzzzz (with and without an ExternalId) and of the exported o-abcdefghij
        var folder = Directory.CreateTempSubdirectory("ward-trust-org-").FullName;
        File.WriteAllText(Path.Combine(folder, "gaad.json"), Gaad());
        File.WriteAllText(Path.Combine(folder, "organization.json"), ExposureRulesTests.Organization());
        var token = TestContext.Current.CancellationToken;
        var scan = Scanner.Scan(AwsEstateLoader.Load([folder], token), AsOf, cancellationToken: token);
        List<Finding> On(string role) => [.. scan.Findings.Where(f => f.Principal == $"arn:aws:iam::{Account}:role/{role}" && f.Category == "trust")];

        // Then the first is assumable from every account of the other organization, without an ExternalId, like a
        // named external account; the one that requires an ExternalId is only inventoried; the last is not reported
        var finding = Assert.Single(On("open-to-another-organization"), f => f.RuleId == "cross-account-access");
        Assert.Contains("organization o-zzzzzzzzzz (not the exported organization)", finding.Title, StringComparison.Ordinal);
        var flagged = Assert.Single(On("open-to-another-organization"), f => f.RuleId == "external-trust-without-external-id");
        Assert.Equal(Severity.High, flagged.Severity);
        Assert.Contains("trusts every account of organization o-zzzzzzzzzz without an ExternalId", flagged.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(On("another-organization-with-external-id"), f => f.RuleId == "external-trust-without-external-id");
        Assert.Single(On("another-organization-with-external-id"), f => f.RuleId == "cross-account-access");
        Assert.Empty(On("open-to-the-exported-organization"));

        // And without the organization export, neither is
        Assert.DoesNotContain(FindingsOn("open-to-another-organization"), f => f.Category == "trust");
    }

    [Fact]
    public void A_named_account_in_no_organization_passes_an_if_exists_organization_test()
    {
        var finding = Assert.Single(FindingsOn("vendor-if-in-no-organization"), f => f.RuleId == "cross-account-access");
        Assert.Contains("account 777766665555 belongs to no AWS organization", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vendor_with_an_external_id_is_inventoried_not_flagged()
    {
        var findings = FindingsOn("vendor-with-external-id");
        Assert.DoesNotContain(findings, f => f.RuleId == "external-trust-without-external-id");
        Assert.Contains("with an sts:ExternalId", Assert.Single(findings, f => f.RuleId == "cross-account-access").Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("saml-regional-audience", "https://eu-west-1.signin.aws.amazon.com/saml")]
    [InlineData("saml-any-regional-audience", "https://eu-west-1.signin.aws.amazon.com/saml")]
    [InlineData("saml-federated", "https://signin.aws.amazon.com/saml")]
    public void A_saml_trust_pinned_to_a_regional_sign_in_audience_is_inventoried(string role, string audience)
    {
        // IAM accepts the regional sign-in endpoints' audiences as well as the global one.
        var finding = Assert.Single(FindingsOn(role), f => f.RuleId == "saml-federated-trust");
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Contains($"`{audience}`", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    // An audience that is no AWS sign-in endpoint's: no assertion AWS accepts carries it.
    [InlineData("saml-foreign-audience")]
    [InlineData("saml-look-alike-regional-audience")]
    public void A_saml_trust_pinned_to_an_audience_aws_never_sends_is_not_inventoried(string role)
    {
        Assert.DoesNotContain(FindingsOn(role), f => f.RuleId == "saml-federated-trust");
    }

    [Fact]
    public void Fingerprints_are_stable_and_distinct()
    {
        var token = TestContext.Current.CancellationToken;
        var again = Scanner.Scan(AwsEstateLoader.Load([Path.GetDirectoryName(Scan.Value.Estate.Inputs[0].Path)!], token), AsOf, cancellationToken: token);
        var trust = Scan.Value.Findings.Where(f => f.Category == "trust").Select(f => f.Fingerprint).ToList();
        Assert.Equal(trust, again.Findings.Where(f => f.Category == "trust").Select(f => f.Fingerprint), StringComparer.Ordinal);
        Assert.Equal(trust.Count, trust.Distinct(StringComparer.Ordinal).Count());
    }

    private static List<Finding> FindingsOn(string role) =>
        [.. Scan.Value.Findings.Where(f => f.Principal == $"arn:aws:iam::{Account}:role/{role}")];

    private static string Gaad() => $$"""
        {
          "UserDetailList": [],
          "GroupDetailList": [],
          "RoleDetailList": [
            {{Role("open-to-everyone", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}""")}},
            {{Role("open-to-one-account-by-condition", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalAccount":"999988887777"}}}""")}},
            {{Role("open-to-this-account-by-condition", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalAccount":"123456789012"}}}""")}},
            {{Role("open-to-a-role-of-this-account-by-condition", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalAccount":"123456789012"},"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/deployer"}}}""")}},
            {{Role("open-to-a-role-name-anywhere", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/OrganizationAccountAccessRole"}}}""")}},
            {{Role("open-to-a-role-name-here", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/OrganizationAccountAccessRole"}}}""")}},
            {{Role("whole-account-narrowed-to-itself", """{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalAccount":"123456789012"}}}""")}},
            {{Role("whole-account-with-mfa", """{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}""")}},
            {{Role("open-to-an-organizational-unit", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":"o-a1b2c3d4e5/r-a1b2/ou-a1b2-9fj6w2ye/*"}}}""")}},
            {{Role("open-to-a-principal-tag", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalTag/team":"ops"}}}""")}},
            {{Role("open-to-a-principal-tag-in-this-account", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalTag/team":"ops","aws:PrincipalAccount":"123456789012"}}}""")}},
            {{Role("github-any-repository-from-the-office", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}""")}},
            {{Role("github-not-an-evil-owner", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringNotEquals":{"token.actions.githubusercontent.com:repository_owner":"evil"}}}""")}},
            {{Role("github-repository-owner", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:repository_owner":"acme"}}}""")}},
            {{Role("github-job-workflow", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:job_workflow_ref":"acme/workflows/.github/workflows/deploy.yml@refs/heads/main"}}}""")}},
            {{Role("cognito-members-then-guests", """{"Sid":"Members","Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"eu-west-1:2f1a7b9c-4d3e-4c8a-9b6f-0e1d2c3b4a59"},"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}},{"Sid":"Guests","Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"eu-west-1:2f1a7b9c-4d3e-4c8a-9b6f-0e1d2c3b4a59"},"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"unauthenticated"}}}""")}},
            {{Role("open-to-source-organization-paths", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"ForAnyValue:StringLike":{"aws:SourceOrgPaths":"o-a1b2c3d4e5/*"}}}""")}},
            {{Role("vendor-account-written-two-ways", """{"Sid":"ById","Effect":"Allow","Principal":{"AWS":"777766665555"},"Action":"sts:AssumeRole"},{"Sid":"ByRoot","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777766665555:root"},"Action":"sts:AssumeRole"}""")}},
            {{Role("open-by-one-of-two-statements", """{"Sid":"Organization","Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}},{"Sid":"Open","Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}""")}},
            {{Role("github-open-by-one-of-two-statements", """{"Sid":"Deploy","Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:acme/site:ref:refs/heads/main"}}},{"Sid":"AnyRepository","Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}}""")}},
            {{Role("github-any-repository-of-the-owner-by-a-deny", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}},{"Effect":"Deny","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringNotLike":{"token.actions.githubusercontent.com:sub":"repo:acme/*"}}}""")}},
            {{Role("github-exact-subject-and-a-deny", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:acme/site:ref:refs/heads/main"}}},{"Effect":"Deny","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringNotLike":{"token.actions.githubusercontent.com:sub":"repo:acme/*"}}}""")}},
            {{Role("amazon-any-user-of-the-application", """{"Effect":"Allow","Principal":{"Federated":"www.amazon.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"www.amazon.com:app_id":"amzn1.application-oa2-client.5d1f3c2b9a8e4f7d"}}}""")}},
            {{Role("open-to-an-endpoint", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}""")}},
            {{Role("open-to-an-endpoint-if-exists", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEqualsIfExists":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}""")}},
            {{Role("open-to-a-source-account", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}""")}},
            {{Role("open-to-a-source-account-if-exists", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEqualsIfExists":{"aws:SourceAccount":"123456789012"}}}""")}},
            {{Role("open-to-organization-if-exists", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}""")}},
            {{Role("open-to-another-organization", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-zzzzzzzzzz"}}}""")}},
            {{Role("another-organization-with-external-id", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-zzzzzzzzzz","sts:ExternalId":"partner-5521"}}}""")}},
            {{Role("open-to-the-exported-organization", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abcdefghij"}}}""")}},
            {{Role("open-to-organization", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}""")}},
            {{Role("open-but-denied-outside", """{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"},{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringNotEquals":{"aws:PrincipalAccount":"123456789012"}}}""")}},
            {{Role("vendor-if-in-no-organization", """{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777766665555:root"},"Action":"sts:AssumeRole","Condition":{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}""")}},
            {{Role("vendor-without-external-id", """{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777766665555:root"},"Action":"sts:AssumeRole"}""")}},
            {{Role("vendor-with-external-id", """{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777766665555:role/vendor-collector"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"vendor-8841"}}}""")}},
            {{Role("whole-account", """{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}""")}},
            {{Role("named-role", """{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/open-to-organization"},"Action":"sts:AssumeRole"}""")}},
            {{Role("gitlab-owner-prefix", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/gitlab.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"gitlab.com:aud":"https://gitlab.com"},"StringLike":{"gitlab.com:sub":"project_path:acme*"}}}""")}},
            {{Role("gitlab-any-project-of-the-group", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/gitlab.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"gitlab.com:aud":"https://gitlab.com"},"StringLike":{"gitlab.com:sub":"project_path:acme/*:ref_type:branch:ref:main"}}}""")}},
            {{Role("terraform-cloud-organization-prefix", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/app.terraform.io"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"app.terraform.io:aud":"aws.workload.identity"},"StringLike":{"app.terraform.io:sub":"organization:acme*"}}}""")}},
            {{Role("terraform-cloud-any-workspace-of-the-organization", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/app.terraform.io"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"app.terraform.io:aud":"aws.workload.identity"},"StringLike":{"app.terraform.io:sub":"organization:acme:project:*:workspace:*:run_phase:*"}}}""")}},
            {{Role("github-any-audience", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringLike":{"token.actions.githubusercontent.com:aud":"*","token.actions.githubusercontent.com:sub":"repo:acme/site:ref:refs/heads/main"}}}""")}},
            {{Role("github-exact-subject-and-audience-by-like", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringLike":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:acme/site:ref:refs/heads/main"}}}""")}},
            {{Role("github-any-repository", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}}""")}},
            {{Role("github-wildcard-branch", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/site:*"}}}""")}},
            {{Role("github-exact-subject", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:acme/site:ref:refs/heads/main"}}}""")}},
            {{Role("eks-any-service-account", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/5C1A2B3D4E5F60718293A4B5C6D7E8F9"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"oidc.eks.eu-west-1.amazonaws.com/id/5C1A2B3D4E5F60718293A4B5C6D7E8F9:aud":"sts.amazonaws.com"}}}""")}},
            {{Role("eks-exact-service-account", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/5C1A2B3D4E5F60718293A4B5C6D7E8F9"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"oidc.eks.eu-west-1.amazonaws.com/id/5C1A2B3D4E5F60718293A4B5C6D7E8F9:aud":"sts.amazonaws.com","oidc.eks.eu-west-1.amazonaws.com/id/5C1A2B3D4E5F60718293A4B5C6D7E8F9:sub":"system:serviceaccount:payments:api"}}}""")}},
            {{Role("github-owner-prefix", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme*"}}}""")}},
            {{Role("github-any-owner-of-a-repository-name", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:*/infra:ref:refs/heads/main"}}}""")}},
            {{Role("github-star-taken-literally", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:acme/*"}}}""")}},
            {{Role("cognito-authenticated", """{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"eu-west-1:2f1a7b9c-4d3e-4c8a-9b6f-0e1d2c3b4a59"},"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}}""")}},
            {{Role("cognito-guests", """{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"eu-west-1:2f1a7b9c-4d3e-4c8a-9b6f-0e1d2c3b4a59"},"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"unauthenticated"}}}""")}},
            {{Role("cognito-any-pool", """{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}}""")}},
            {{Role("vendor-with-any-external-id", """{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777766665555:root"},"Action":"sts:AssumeRole","Condition":{"StringLike":{"sts:ExternalId":"*"}}}""")}},
            {{Role("vendor-with-external-id-if-exists", """{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777766665555:root"},"Action":"sts:AssumeRole","Condition":{"StringEqualsIfExists":{"sts:ExternalId":"vendor-8841"}}}""")}},
            {{Role("saml-federated", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:saml-provider/Okta"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}""")}},
            {{Role("saml-regional-audience", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:saml-provider/Okta"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://eu-west-1.signin.aws.amazon.com/saml"}}}""")}},
            {{Role("saml-any-regional-audience", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:saml-provider/Okta"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringLike":{"SAML:aud":"https://*.signin.aws.amazon.com/saml"}}}""")}},
            {{Role("saml-foreign-audience", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:saml-provider/Okta"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://sso.example.com/saml"}}}""")}},
            {{Role("saml-look-alike-regional-audience", """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:saml-provider/Okta"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://eu-west-1.signin.aws.amazon.com.example.com/saml"}}}""")}}
          ],
          "Policies": []
        }
        """;

    private static string Role(string name, string statements) => $$$"""
        {"Path": "/", "RoleName": "{{{name}}}", "RoleId": "AROA{{{Math.Abs(name.GetHashCode(StringComparison.Ordinal)):D17}}}", "Arn": "arn:aws:iam::{{{Account}}}:role/{{{name}}}", "CreateDate": "2024-01-01T00:00:00Z",
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{{{statements}}}]},
         "InstanceProfileList": [], "RolePolicyList": [{"PolicyName": "read", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}],
         "AttachedManagedPolicies": [], "Tags": []}
        """;
}
