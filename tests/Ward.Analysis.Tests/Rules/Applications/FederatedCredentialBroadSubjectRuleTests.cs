using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Applications;

public sealed class FederatedCredentialBroadSubjectRuleTests
{
    private const string Rule = "federated-credential-broad-subject";
    private const string ApplicationReadWriteAll = "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9";

    /// <summary>Subjects (compared exactly) and expressions, with the severity Ward gives them (null: not reported).</summary>
    public static TheoryData<string, string?, string?, Severity?> Credentials => new()
    {
        // Plain GitHub Actions subjects: exact, so only the value's meaning makes them broad.
        { TestTenant.GitHubIssuer, "repo:northwind/orders-api:environment:production", null, null },
        { TestTenant.GitHubIssuer, "repo:northwind/orders-api:ref:refs/heads/main", null, null },
        { TestTenant.GitHubIssuer, "repo:northwind/orders-api:ref:refs/tags/v1.2.0", null, null },
        { TestTenant.GitHubIssuer, "repo:northwind/orders-api:pull_request", null, Severity.Medium },
        { TestTenant.GitHubIssuer, "repo:northwind/orders-api", null, Severity.Medium },
        { TestTenant.GitHubIssuer, "repository_owner:northwind:environment:production", null, Severity.High },
        { TestTenant.GitHubIssuer, "environment:production", null, Severity.Critical },
        { TestTenant.GitHubIssuer, "repository_owner_id:1234567:repository_id:89012345:environment:production", null, null },
        { $"{TestTenant.GitHubIssuer}/northwind-enterprise", "repo:northwind/orders-api:pull_request", null, Severity.Medium },

        // A `*` in a plain subject is a literal character: it matches no token, so it is not broad. No GitHub owner or
        // repository has a `*` in its name, whatever follows it (or nothing).
        { TestTenant.GitHubIssuer, "repo:northwind/*:ref:refs/heads/main", null, null },
        { TestTenant.GitHubIssuer, "repo:northwind-traders/*", null, null },
        { TestTenant.GitHubIssuer, "repo:northwind-traders/*:pull_request", null, null },
        { TestTenant.GitHubIssuer, "repo:*/orders-api", null, null },
        { TestTenant.GitHubIssuer, "repository_owner:northwind*:environment:production", null, null },
        { "https://westeurope.oic.prod-aks.azure.com/9c3e6f1a/5d7e9f1b/", "system:serviceaccount:payments:*", null, null },

        // Flexible credentials: wildcards in `matches` patterns.
        { TestTenant.GitHubIssuer, null, "claims['sub'] matches 'repo:northwind/orders-api:ref:refs/heads/*'", Severity.Medium },
        { TestTenant.GitHubIssuer, null, "claims['sub'] matches 'repo:northwind/*:ref:refs/heads/main'", Severity.High },
        { TestTenant.GitHubIssuer, null, "claims['sub'] matches 'repo:*/orders-api:environment:production'", Severity.Critical },
        { TestTenant.GitHubIssuer, null, "claims['sub'] matches 'repo:northwind/orders-api:environment:production'", null },
        { TestTenant.GitHubIssuer, null, "claims['sub'] eq 'repo:northwind/*:environment:production'", null },
        { TestTenant.GitHubIssuer, null, "claims['sub'] matches 'repo:northwind/*:*' and claims['sub'] matches 'repo:northwind/orders-api:environment:*'", Severity.Medium },
        { "https://gitlab.com", null, "claims['sub'] matches 'project_path:northwind/*:ref_type:branch:ref:main'", Severity.High },

        // An enterprise's own GitHub issuer serves only the enterprise's repositories: any owner there is one owner.
        { $"{TestTenant.GitHubIssuer}/northwind-enterprise", null, "claims['sub'] matches 'repo:*'", Severity.High },
        { TestTenant.GitHubIssuer, null, "claims['sub'] matches 'repo:*'", Severity.Critical },
        { "https://gitlab.com", null, "claims['sub'] matches 'project_path:northwind/orders:ref_type:branch:ref:*'", Severity.Medium },
        { "https://app.terraform.io", null, "claims['sub'] matches 'organization:northwind:project:platform:workspace:*:run_phase:apply'", Severity.High },
        { "https://app.terraform.io", null, "claims['sub'] matches 'organization:northwind:project:platform:workspace:network:run_phase:*'", Severity.Medium },
        { "https://app.terraform.io", "organization:northwind:project:platform:workspace:network:run_phase:apply", null, null },
    };

    [Theory]
    [MemberData(nameof(Credentials))]
    public void Each_subject_is_judged_by_the_workloads_it_admits(string issuer, string? subject, string? expression, Severity? expected)
    {
        // Given an application (holding nothing) with one federated credential
        var tenant = new TestTenant();
        tenant.AppRegistration("orders-deploy");
        tenant.FederatedCredentials("orders-deploy", ("deploy", issuer, subject, expression));

        var findings = tenant.Scan().Of(Rule);

        // Then it is reported with the expected severity, or not at all
        Assert.Equal(expected, findings.SingleOrDefault()?.Severity);
    }

    [Fact]
    public void A_pull_request_subject_is_reported_beside_the_environment_pinned_one_it_sits_with()
    {
        // Given an application with a credential pinned to the production environment and one for pull requests
        var tenant = new TestTenant();
        tenant.AppRegistration("orders-deploy");
        tenant.FederatedCredentials(
            "orders-deploy",
            ("github-prod", TestTenant.GitHubIssuer, "repo:northwind/orders-api:environment:production", null),
            ("github-pr", TestTenant.GitHubIssuer, "repo:northwind/orders-api:pull_request", null));

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the pull request credential is reported, on the application, saying why
        Assert.Equal(TestTenant.ApplicationId("orders-deploy"), finding.Principal);
        Assert.Equal("Federated credential `github-pr` of `orders-deploy` accepts pull requests of `northwind/orders-api`", finding.Title);
        Assert.Contains($"(appId `{TestTenant.AppIdOf("orders-deploy")}`) trusts tokens of `{TestTenant.GitHubIssuer}` whose subject is `repo:northwind/orders-api:pull_request` and audience is `api://AzureADTokenExchange`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("code proposed in a pull request, before anyone reviews it", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wildcard_over_an_organization_says_who_can_mint_tokens_and_is_raised_when_the_application_is_powerful()
    {
        // Given an application holding Application.ReadWrite.All with a flexible credential for every repository of `northwind`
        var tenant = new TestTenant();
        tenant.AppRegistration("org-automation");
        tenant.ServicePrincipalOf("org-automation");
        tenant.GrantGraphPermission("org-automation", "Application.ReadWrite.All", ApplicationReadWriteAll);
        tenant.FederatedCredentials("org-automation", ("any-repo", TestTenant.GitHubIssuer, null, "claims['sub'] matches 'repo:northwind/*:ref:refs/heads/main'"));

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then high (every repository of one owner) raised to critical, with the issuer's reach and what the application holds
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal("Federated credential `any-repo` of `org-automation` accepts every repository of `northwind`", finding.Title);
        Assert.Contains("whose claims match the expression `claims['sub'] matches 'repo:northwind/*:ref:refs/heads/main'`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("Anyone can create a GitHub repository", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("Its service principal `org-automation` holds `Application.ReadWrite.All` of `Microsoft Graph`", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expression_Ward_cannot_read_is_listed_as_not_analysed()
    {
        // Given a flexible credential whose expression has no clause of the documented form
        var tenant = new TestTenant();
        tenant.AppRegistration("odd");
        tenant.FederatedCredentials("odd", ("odd", TestTenant.GitHubIssuer, null, "sub startsWith 'repo:northwind/'"));

        var result = tenant.Scan();

        // Then nothing is reported, and the scan says it could not judge it
        Assert.Empty(result.Of(Rule));
        var skipped = Assert.Single(result.Skipped, s => s.Analysis.StartsWith(Rule, StringComparison.Ordinal));
        Assert.Equal("federated-credential-broad-subject for 1 flexible federated credential", skipped.Analysis);
    }
}
