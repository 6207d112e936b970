using Ward.Core.Diagnostics;
using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.GraphBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>entra-federated-credential-sign-in</c>: the service principals of Release Bot, Infra Bot and Enterprise Bot hold Global
/// Administrator, and their applications (Graph beta, <c>$expand=federatedIdentityCredentials</c>) trust GitHub
/// Actions. Release Bot's flexible credential accepts the production environment of any repository
/// (<c>repo:*:environment:production</c>): anyone who creates a repository signs in as it, so a path leads from outside
/// the tenant to Global Administrator. Infra Bot's accepts every repository of one organization (a customized subject
/// naming the owner only): the edge holds for whoever runs workflows there. The safe twins: Release Bot's credential
/// pinned to one repository's environment, a plain subject with a <c>*</c> (compared exactly, it matches no token), and
/// Orphan Tool's broad credential, whose application has no service principal in the tenant. Enterprise Bot's and
/// Pipeline Bot's credentials accept any owner too, but of issuers that serve one enterprise (GitHub's issuer for an
/// enterprise) or one self-managed GitLab instance: their edges are named after, and hold for, those workloads only.
/// </summary>
public sealed class FederatedCredentialSignInEdgeCheckerTests
{
    private const string GitHub = "https://token.actions.githubusercontent.com";
    private const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    private const string ReleaseBot = "5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b01";
    private const string InfraBot = "5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b02";
    private const string AnyRepository = GitHub + "#claims['sub'] matches 'repo:*:environment:production'";
    private const string OneOrganization = GitHub + "#repository_owner:tailspin-infra";
    private const string EnterpriseIssuer = GitHub + "/tailspin";
    private const string GitLabInstance = "https://gitlab.tailspintoys.example";
    private const string EnterpriseBot = "5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b03";
    private const string PipelineBot = "5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b04";
    private const string AnyEnterpriseRepository = EnterpriseIssuer + "#claims['sub'] matches 'repo:*'";
    private const string AnyInstanceProject = GitLabInstance + "#claims['sub'] matches 'project_path:*:ref_type:branch:ref:main'";

    private static readonly Lazy<MicrosoftEdgeContext> Context = new(Build);

    private static List<Edge> Edges => field ??= [.. new FederatedCredentialSignInEdgeChecker().Check(Context.Value, targets: null)];

    [Fact]
    public void A_credential_any_repository_matches_lets_anyone_sign_in_as_the_service_principal()
    {
        var edge = Assert.Single(Edges, e => e.To.Value == ReleaseBot);

        Assert.Equal(("entra-federated-credential-sign-in", AnyRepository, false), (edge.Technique, edge.From.Value, edge.IsConditional));
        var permission = Assert.Single(edge.Permissions);
        Assert.Equal("federated identity credential `github-prod-any-repo` of the application `Release Bot`", permission.GrantedBy);
        Assert.Contains($"issuer {GitHub}", permission.Conditions, StringComparer.Ordinal);
        Assert.StartsWith("sign in as `Release Bot` with a token its application's federated credential `github-prod-any-repo` accepts: the workflows of any GitHub repository", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credential_for_every_repository_of_one_owner_holds_for_whoever_runs_workflows_there()
    {
        var edge = Assert.Single(Edges, e => e.To.Value == InfraBot);

        Assert.Equal(OneOrganization, edge.From.Value);
        Assert.Equal([$"the caller runs a workload that `{GitHub}` issues such a token to (every repository of tailspin-infra)"], edge.Requirements, StringComparer.Ordinal);
    }

    [Fact]
    public void Pinned_credentials_exact_subjects_with_a_star_and_applications_without_a_service_principal_give_no_edge()
    {
        // Release Bot's pinned credential and its `repo:tailspin/*` subject are not broad; Orphan Tool has no service principal here
        Assert.Equal([AnyInstanceProject, AnyRepository, OneOrganization, AnyEnterpriseRepository], Edges.Select(e => e.From.Value).Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    [Fact]
    public void An_enterprises_own_GitHub_issuer_lets_in_the_enterprises_repositories_not_any()
    {
        var edge = Assert.Single(Edges, e => e.To.Value == EnterpriseBot);

        Assert.Equal(AnyEnterpriseRepository, edge.From.Value);
        Assert.Equal([$"the caller runs a workload that `{EnterpriseIssuer}` issues such a token to (workflows of any repository of the GitHub enterprise tailspin)"], edge.Requirements, StringComparer.Ordinal);
        Assert.StartsWith("sign in as `Enterprise Bot` with a token its application's federated credential `github-enterprise-any-repo` accepts: the workflows of any repository of the GitHub enterprise `tailspin`", edge.Description, StringComparison.Ordinal);
        Assert.Equal(
            $"workflows of any repository of the GitHub enterprise tailspin ({EnterpriseIssuer}, claims matching claims['sub'] matches 'repo:*')",
            MicrosoftGraphBuilder.Build(Context.Value).Nodes[new PrincipalId(AnyEnterpriseRepository)].Label);
    }

    [Fact]
    public void A_self_managed_GitLab_issuer_lets_in_that_instances_projects_not_GitLab_coms()
    {
        var edge = Assert.Single(Edges, e => e.To.Value == PipelineBot);

        Assert.Equal(AnyInstanceProject, edge.From.Value);
        Assert.Equal([$"the caller runs a workload that `{GitLabInstance}` issues such a token to (any project of the GitLab instance {GitLabInstance})"], edge.Requirements, StringComparer.Ordinal);
        Assert.StartsWith($"sign in as `Pipeline Bot` with a token its application's federated credential `gitlab-any-project` accepts: the pipelines of any project of the GitLab instance {GitLabInstance}, of any group", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_graph_has_a_path_from_outside_the_tenant_to_Global_Administrator()
    {
        var graph = MicrosoftGraphBuilder.Build(Context.Value);

        var outsider = graph.Nodes[new PrincipalId(AnyRepository)];
        Assert.Equal(PrincipalKind.FederatedPrincipal, outsider.Kind);
        Assert.Equal("workflows of any GitHub repository (https://token.actions.githubusercontent.com, claims matching claims['sub'] matches 'repo:*:environment:production')", outsider.Label);
        var path = graph.ShortestPathsTo(n => n.IsAdmin)[outsider.Id];
        Assert.Equal([ReleaseBot], path.Select(e => e.To.Value), StringComparer.Ordinal);
    }

    private static MicrosoftEdgeContext Build()
    {
        using var folder = new ScratchFolder(
            ("entra/applications/page-001.json", Collection("applications(id,appId,displayName,signInAudience,passwordCredentials,keyCredentials,requiredResourceAccess,federatedIdentityCredentials())", string.Join(",\n",
                Application("5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b11", "5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b21", "Release Bot",
                    Flexible("5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b31", "github-prod-any-repo", "claims['sub'] matches 'repo:*:environment:production'"),
                    Plain("5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b32", "github-release", "repo:tailspin/release:environment:production"),
                    Plain("5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b33", "github-star", "repo:tailspin/*")),
                Application("5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b12", "5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b22", "Infra Bot",
                    Plain("5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b34", "github-infra-org", "repository_owner:tailspin-infra")),
                Application("5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b13", "5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b23", "Orphan Tool",
                    Flexible("5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b35", "github-any", "claims['sub'] matches 'repo:*'")),
                Application("5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b14", "5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b24", "Enterprise Bot",
                    Flexible("5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b36", "github-enterprise-any-repo", "claims['sub'] matches 'repo:*'", EnterpriseIssuer)),
                Application("5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b15", "5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b25", "Pipeline Bot",
                    Flexible("5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b37", "gitlab-any-project", "claims['sub'] matches 'project_path:*:ref_type:branch:ref:main'", GitLabInstance))), version: "beta")),
            ("entra/service-principals/page-001.json", Collection("servicePrincipals", string.Join(",\n",
                ServicePrincipal(ReleaseBot, "5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b21", "Release Bot"),
                ServicePrincipal(InfraBot, "5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b22", "Infra Bot"),
                ServicePrincipal(EnterpriseBot, "5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b24", "Enterprise Bot"),
                ServicePrincipal(PipelineBot, "5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b25", "Pipeline Bot")))),
            ("entra/role-definitions/page-001.json", Collection("roleManagement/directory/roleDefinitions", BuiltInRole(GlobalAdministrator, "Global Administrator", "microsoft.directory/users/allProperties/allTasks"))),
            ("entra/role-assignments/page-001.json", Collection("roleManagement/directory/roleAssignments", $"{RoleAssignment(ReleaseBot, GlobalAdministrator)}, {RoleAssignment(InfraBot, GlobalAdministrator)}, {RoleAssignment(EnterpriseBot, GlobalAdministrator)}")));
        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return new MicrosoftEdgeContext(loaded.Entra, loaded.Azure, new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    }

    private static string Application(string id, string appId, string name, params string[] credentials) =>
        $$"""{"id": "{{id}}", "appId": "{{appId}}", "displayName": "{{name}}", "signInAudience": "AzureADMyOrg", "passwordCredentials": [], "keyCredentials": [], "requiredResourceAccess": [], "federatedIdentityCredentials": [{{string.Join(", ", credentials)}}]}""";

    private static string Plain(string id, string name, string subject) =>
        $$"""{"id": "{{id}}", "name": "{{name}}", "issuer": "{{GitHub}}", "subject": "{{subject}}", "description": null, "audiences": ["api://AzureADTokenExchange"], "claimsMatchingExpression": null}""";

    private static string Flexible(string id, string name, string expression, string issuer = GitHub) =>
        $$"""{"id": "{{id}}", "name": "{{name}}", "issuer": "{{issuer}}", "subject": null, "description": null, "audiences": ["api://AzureADTokenExchange"], "claimsMatchingExpression": {"value": "{{expression}}", "languageVersion": 1} }""";

    private static string ServicePrincipal(string id, string appId, string name) =>
        $$"""{"id": "{{id}}", "appId": "{{appId}}", "displayName": "{{name}}", "servicePrincipalType": "Application", "appOwnerOrganizationId": "11111111-1111-1111-1111-111111111111", "accountEnabled": true, "appRoles": [], "oauth2PermissionScopes": [], "passwordCredentials": [], "keyCredentials": [], "alternativeNames": []}""";
}
