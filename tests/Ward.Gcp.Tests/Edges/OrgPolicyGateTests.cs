using Ward.Gcp.Edges;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Edges;

/// <summary>gcp-sa-key-create on the organization policy lab (Fixtures/org-policies).</summary>
public sealed class OrgPolicyGateTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<GcpEdgeContext> Context = new(() => new GcpEdgeContext(GcpFixtures.OrgPolicies, AsOf));

    public enum Expect
    {
        Certain,
        Conditional,
        Lifted,
        None,
    }

    public static TheoryData<string, string, Expect> Cases => new()
    {
        // keys may create keys everywhere: blocked where a constraint is enforced, conditional under the tag rule.
        { "keys", "op-locked", Expect.None },
        { "keys", "op-reset", Expect.Certain },
        { "keys", "op-tagged", Expect.Conditional },
        { "keys", "op-dryrun", Expect.None },
        { "keys", "op-managed", Expect.None },

        // lifter sets organization policies too: it lifts the constraint first.
        { "lifter", "op-locked", Expect.Lifted },
        { "lifter", "op-managed", Expect.Lifted },
        { "lifter", "op-tagged", Expect.Lifted },
        { "lifter", "op-reset", Expect.Certain },

        // denied-lifter's orgpolicy.policy.set is refused on op-locked by a deny policy, not on op-managed.
        { "denied-lifter", "op-locked", Expect.None },
        { "denied-lifter", "op-managed", Expect.Lifted },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Key_creation_follows_the_effective_organization_policy_of_the_accounts_project(string user, string project, Expect expected)
    {
        // Given the key-creation checker and the app account of the project
        var checker = Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == "gcp-sa-key-create");
        var account = $"serviceAccount:app@{project}.iam.gserviceaccount.com";

        // When it checks every account
        var edges = checker.Check(Context.Value, targets: null).Where(e => e.From.Value == $"user:{user}@example.net" && e.To.Value == account).ToList();

        // Then the edge is absent, certain, conditional on the tag, or kept with the organization policy permission
        if (expected == Expect.None)
        {
            Assert.Empty(edges);
            return;
        }

        var edge = Assert.Single(edges);
        Assert.Equal(expected == Expect.Conditional, edge.IsConditional);
        var lifts = edge.Permissions.Any(p => p.Action == OrgPolicyGate.SetPolicy);
        Assert.Equal(expected == Expect.Lifted, lifts);
        Assert.Equal(expected == Expect.Lifted, edge.Description.StartsWith("lifts `iam.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("prod", Expect.None)]
    [InlineData("dev", Expect.Certain)]
    [InlineData(null, Expect.Certain)]
    public void A_tag_rule_is_decided_from_the_projects_exported_tags(string? environment, Expect expected)
    {
        // Given the lab with its tags exported: op-tagged carries env/prod, env/dev or no tag (an empty listing)
        using var scratch = new ScratchFolder();
        scratch.CopyFrom(GcpFixtures.OrgPoliciesFolder);
        scratch.Write(Path.Combine("tags", "keys", "organizations-700000000001.json"), """
            [
              {
                "createTime": "2026-02-01T08:00:00.000000Z",
                "etag": "W/\"7a1c3e5f7b9d1f3a\"",
                "name": "tagKeys/281400000000001",
                "namespacedName": "700000000001/env",
                "parent": "organizations/700000000001",
                "shortName": "env",
                "updateTime": "2026-02-01T08:00:00.000000Z"
              }
            ]
            """);
        scratch.Write(Path.Combine("tags", "values", "tagKeys-281400000000001.json"), """
            [
              {"createTime": "2026-02-01T08:01:00.000000Z", "name": "tagValues/281410000000001", "namespacedName": "700000000001/env/prod", "parent": "tagKeys/281400000000001", "shortName": "prod", "updateTime": "2026-02-01T08:01:00.000000Z"},
              {"createTime": "2026-02-01T08:02:00.000000Z", "name": "tagValues/281410000000002", "namespacedName": "700000000001/env/dev", "parent": "tagKeys/281400000000001", "shortName": "dev", "updateTime": "2026-02-01T08:02:00.000000Z"}
            ]
            """);
        var listing = environment is null ? "[]" : $$"""
            [
              {
                "namespacedTagKey": "700000000001/env",
                "namespacedTagValue": "700000000001/env/{{environment}}",
                "tagKey": "tagKeys/281400000000001",
                "tagValue": "tagValues/28141000000000{{(environment == "prod" ? 1 : 2)}}"
              }
            ]
            """;
        scratch.Write(Path.Combine("tags", "effective", "cloudresourcemanager.googleapis.com", "projects", "720000000003.json"), listing);
        var context = new GcpEdgeContext(Ward.Gcp.Ingest.GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken), AsOf);

        // When key creation is checked for keys, who may create keys everywhere
        var checker = Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == "gcp-sa-key-create");
        var edges = checker.Check(context, targets: null).Where(e => e.From.Value == "user:keys@example.net" && e.To.Value == "serviceAccount:app@op-tagged.iam.gserviceaccount.com").ToList();

        // Then the rule `matchTag('700000000001/env', 'prod')` enforces the constraint on a prod project only, for certain either way
        var enforcement = context.Enforcement(context.Estate.FindNode("projects/op-tagged")!, "iam.disableServiceAccountKeyCreation");
        Assert.Equal(expected == Expect.None ? Ward.Gcp.Policy.OrgPolicies.ConstraintState.Enforced : Ward.Gcp.Policy.OrgPolicies.ConstraintState.NotEnforced, enforcement.State);
        if (expected == Expect.None)
        {
            Assert.Empty(edges);
        }
        else
        {
            Assert.False(Assert.Single(edges).IsConditional);
        }
    }

    [Fact]
    public void With_key_creation_stopped_and_key_upload_open_the_key_is_uploaded()
    {
        // Given the lab, where op-locked turns off the organization's iam.disableServiceAccountKeyUpload (its key
        // creation stays disabled by the organization)
        using var scratch = new ScratchFolder();
        scratch.CopyFrom(GcpFixtures.OrgPoliciesFolder);
        scratch.Write(Path.Combine("org-policies", "projects-op-locked.json"), """
            [
              {
                "name": "projects/720000000001/policies/iam.disableServiceAccountKeyUpload",
                "spec": {"etag": "CLD5kMEGEJDu5ZAC-", "updateTime": "2026-03-10T10:00:00.000Z", "rules": [{"enforce": false}]},
                "etag": "CLD5kMEGEJDu5ZAC-"
              }
            ]
            """);
        var context = new GcpEdgeContext(Ward.Gcp.Ingest.GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken), AsOf);

        // When key creation is checked for keys, who may create keys everywhere but set no organization policy
        var checker = Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == "gcp-sa-key-create");
        var edges = checker.Check(context, targets: null).Where(e => e.From.Value == "user:keys@example.net").ToList();

        // Then on op-locked the same permission uploads a public key of its own, with nothing to lift; op-managed
        // (creation and upload both disabled from above) stays closed
        var locked = Assert.Single(edges, e => e.To.Value == "serviceAccount:app@op-locked.iam.gserviceaccount.com");
        Assert.False(locked.IsConditional);
        Assert.StartsWith("uploads a public key of its own for", locked.Description, StringComparison.Ordinal);
        Assert.EndsWith("(key creation is disabled by organization policy, key upload is not)", locked.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(locked.Permissions, p => p.Action == OrgPolicyGate.SetPolicy);
        Assert.DoesNotContain(edges, e => e.To.Value == "serviceAccount:app@op-managed.iam.gserviceaccount.com");
    }

    [Fact]
    public void Without_the_projects_tags_the_tag_rule_says_why_it_is_undecided()
    {
        // Given the lab as exported, without tags
        var enforcement = Context.Value.Enforcement(GcpFixtures.OrgPolicies.FindNode("projects/op-tagged")!, "iam.disableServiceAccountKeyCreation");

        // Then the constraint is enforced under the tag condition, and the requirement says the tags were not exported
        Assert.Equal(Ward.Gcp.Policy.OrgPolicies.ConstraintState.EnforcedUnderCondition, enforcement.State);
        Assert.Contains("no tag bindings were exported", enforcement.Unless, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_organization_policy_export_key_creation_is_open_as_before()
    {
        // Given the lab without its organization policies
        var estate = GcpFixtures.OrgPolicies with { OrgPolicies = [], OrgPoliciesExported = false };
        var context = new GcpEdgeContext(estate, AsOf);

        // When key creation is checked
        var edges = Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == "gcp-sa-key-create").Check(context, targets: null).ToList();

        // Then each of the three users reaches each of the five accounts, certainly
        Assert.Equal(15, edges.Count);
        Assert.All(edges, e => Assert.False(e.IsConditional));
        Assert.DoesNotContain(edges, e => e.Permissions.Any(p => p.Action == OrgPolicyGate.SetPolicy));
    }

    [Fact]
    public void A_lifted_edge_names_the_constraint_and_where_it_is_set()
    {
        // Given lifter's edge into op-locked
        var edge = Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == "gcp-sa-key-create").Check(Context.Value, targets: null)
            .Single(e => e.From.Value == "user:lifter@example.net" && e.To.Value == "serviceAccount:app@op-locked.iam.gserviceaccount.com");

        // Then it says which constraint it lifts, where it was set, and which binding grants the lift
        Assert.Contains("`iam.disableServiceAccountKeyCreation` (set on `organizations/700000000001`) on `projects/op-locked`", edge.Description, StringComparison.Ordinal);
        var lift = Assert.Single(edge.Permissions, p => p.Action == OrgPolicyGate.SetPolicy);
        Assert.Contains("roles/orgpolicy.policyAdmin", lift.GrantedBy, StringComparison.Ordinal);
    }
}
