using Ward.Core.Decisions;
using Ward.Gcp.Edges;
using Ward.Gcp.Iam;
using Ward.Gcp.Ingest;
using Ward.Gcp.Policy.Evaluation;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Edges;

/// <summary>
/// A disabled service account (Fixtures/disabled-sa): <c>deployer@p-app</c>, disabled in the service-accounts export,
/// is Owner of p-app (projects/920000000001); <c>s-token</c> is Service Account Token Creator on the project and may
/// not enable accounts. With the enabler variant, <c>v-enabler</c> holds Token Creator and a custom role with
/// <c>iam.serviceAccounts.enable</c> on the account's own policy.
/// </summary>
public sealed class DisabledServiceAccountTests
{
    private const string Deployer = "serviceAccount:deployer@p-app.iam.gserviceaccount.com";
    private const string Project = "//cloudresourcemanager.googleapis.com/projects/920000000001";
    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "disabled-sa");

    [Fact]
    public void A_disabled_account_no_one_may_enable_is_neither_reached_nor_owner_equivalent()
    {
        // Given the lab, where no one may enable the deployer
        var graph = GcpGraphBuilder.Build(new GcpEdgeContext(GcpEstateLoader.Load([Folder], TestContext.Current.CancellationToken), AsOf));

        // Then the token creator has no edge to it, it is no target, and no one escalates
        Assert.DoesNotContain(graph.Graph.Edges, e => e.To.Value == Deployer || e.From.Value == Deployer);
        Assert.Null(graph.OwnerEquivalenceOf(Deployer, Project));
        Assert.Null(graph.Node(Deployer)?.AdminReason);
        Assert.Empty(graph.Escalations());
    }

    [Fact]
    public void A_principal_that_may_enable_a_disabled_account_reaches_it_with_the_enable_step()
    {
        // Given the lab and v-enabler, Token Creator with the enable permission on the account
        using var scratch = WithEnabler();
        var graph = GcpGraphBuilder.Build(new GcpEdgeContext(GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken), AsOf));

        // Then its edge to the account needs the token and the enable permission, and says the account is disabled
        var edge = Assert.Single(graph.Graph.Edges, e => e.From.Value == "user:v-enabler@example.com" && e.To.Value == Deployer && e.Technique == "gcp-sa-get-access-token");
        Assert.Equal(["iam.serviceAccounts.getAccessToken", "iam.serviceAccounts.enable"], edge.Permissions.Select(p => p.Action), StringComparer.Ordinal);
        Assert.False(edge.IsConditional);
        Assert.Contains("is disabled", edge.Description, StringComparison.Ordinal);

        // And the account, which can be enabled, is owner-equivalent, saying it is disabled; the token creator still reaches nothing
        Assert.Contains("disabled", graph.OwnerEquivalenceOf(Deployer, Project), StringComparison.Ordinal);
        Assert.Equal(Project, Assert.Single(graph.Escalations(), e => e.Principal == "user:v-enabler@example.com").Container.Name);
        Assert.DoesNotContain(graph.Graph.Edges, e => e.From.Value == "user:s-token@example.com");
    }

    [Fact]
    public void Can_says_that_the_account_a_permission_acts_as_is_disabled()
    {
        // Given the lab
        var estate = GcpEstateLoader.Load([Folder], TestContext.Current.CancellationToken);
        var account = ResourceLocator.Locate(estate, "//iam.googleapis.com/projects/-/serviceAccounts/deployer@p-app.iam.gserviceaccount.com", out _)!;

        // When we ask whether the token creator may get the deployer's tokens, and may get the account
        var token = new GcpAuthorizer(estate).Authorize(new GcpRequest { Principal = Member.Parse("user:s-token@example.com"), Permission = "iam.serviceAccounts.getAccessToken", Resource = account, AsOf = AsOf });
        var get = new GcpAuthorizer(estate).Authorize(new GcpRequest { Principal = Member.Parse("user:s-token@example.com"), Permission = "iam.serviceAccounts.get", Resource = account, AsOf = AsOf });

        // Then the policies allow both, and the token's answer says the account is disabled and must be enabled first
        Assert.Equal(DecisionKind.Allowed, token.Kind);
        Assert.Contains($"`{Deployer}` is disabled", token.Explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("iam.serviceAccounts.enable", token.Explanation.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("disabled", get.Explanation.Summary, StringComparison.Ordinal);
    }

    private static ScratchFolder WithEnabler()
    {
        var scratch = new ScratchFolder();
        scratch.CopyFrom(Folder);
        scratch.Write("assets/account-policy.json", """
            {"name": "//iam.googleapis.com/projects/p-app/serviceAccounts/1001", "asset_type": "iam.googleapis.com/ServiceAccount", "ancestors": ["projects/920000000001", "folders/910000000001", "organizations/900000000001"], "iam_policy": {"version": 3, "bindings": [{"role": "roles/iam.serviceAccountTokenCreator", "members": ["user:v-enabler@example.com"]}, {"role": "projects/p-app/roles/enabler", "members": ["user:v-enabler@example.com"]}]}}
            """);
        scratch.Write("roles/projects/p-app.json", """
            [{"name": "projects/p-app/roles/enabler", "title": "Enabler", "stage": "GA", "etag": "BwX=", "includedPermissions": ["iam.serviceAccounts.enable"]}]
            """);
        return scratch;
    }
}
