using System.Globalization;
using Ward.Gcp.Edges;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Edges;

/// <summary>
/// gcp-custom-role-update under a tag condition, on the tags lab (Fixtures/tags): roler@ holds the organization's
/// custom role tagOps on tg-prod (env/prod), tg-dev (env/dev) and tg-legacy (tags not exported), each binding only
/// where the project is tagged env/prod, and may update the organization's roles.
/// </summary>
public sealed class CustomRoleUpdateTagTests
{
    private const string Roler = "user:roler@tags.example";
    private const string Project = "//cloudresourcemanager.googleapis.com/projects/";
    // tg-dev and tg-legacy have no allow policy in the lab: one is added for each.
    private static readonly string[] UntaggedPolicyProjects = ["822000000002", "822000000003"];
    private const string Condition = """{"title":"production only","expression":"resource.matchTag('820000000001/env', 'prod')"}""";
    private static readonly DateTimeOffset AsOf = DateTimeOffset.Parse("2026-12-01T09:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    [Fact]
    public void The_bindings_tag_condition_is_decided_for_the_container_it_is_on()
    {
        // Given the lab with roler's bindings added
        using var scratch = new ScratchFolder();
        scratch.CopyFrom(GcpFixtures.TagsFolder);
        scratch.Write(Path.Combine("roles", "organization.json"), """
            [
              {
                "name": "organizations/820000000001/roles/tagOps",
                "title": "Tag operations",
                "includedPermissions": ["resourcemanager.projects.get"],
                "stage": "GA",
                "etag": "BwYTa9gS0bA="
              }
            ]
            """);
        scratch.Write(Path.Combine("roles", "role-admin.json"), """
            [
              {
                "name": "roles/iam.organizationRoleAdmin",
                "title": "Organization Role Administrator",
                "includedPermissions": ["iam.roles.get", "iam.roles.list", "iam.roles.update", "resourcemanager.organizations.get"],
                "stage": "GA",
                "etag": "AA=="
              }
            ]
            """);
        var binding = $$"""{"role":"organizations/820000000001/roles/tagOps","members":["{{Roler}}"],"condition":{{Condition}}}""";
        var policies = File.ReadAllLines(Path.Combine(GcpFixtures.TagsFolder, "assets", "iam-policy.json"))
            .Select(line => line.Contains("\"//cloudresourcemanager.googleapis.com/organizations/820000000001\"", StringComparison.Ordinal)
                ? line.Replace("\"bindings\":[", $$"""
                    "bindings":[{"role":"roles/iam.organizationRoleAdmin","members":["{{Roler}}"]},
                    """.Trim(), StringComparison.Ordinal)
                : line.Contains("\"//cloudresourcemanager.googleapis.com/projects/822000000001\"", StringComparison.Ordinal)
                    ? line.Replace("\"bindings\":[", "\"bindings\":[" + binding + ",", StringComparison.Ordinal)
                    : line)
            .Concat(UntaggedPolicyProjects.Select(number => $$"""{"name":"//cloudresourcemanager.googleapis.com/projects/{{number}}","asset_type":"cloudresourcemanager.googleapis.com/Project","iam_policy":{"version":3,"etag":"BwYTa9gS0c{{number[^1]}}=","bindings":[{{binding}}]},"ancestors":["projects/{{number}}","folders/821000000001","organizations/820000000001"],"update_time":"2026-11-30T06:00:00Z"}"""));
        scratch.Write(Path.Combine("assets", "iam-policy.json"), string.Join('\n', policies) + "\n");
        var context = new GcpEdgeContext(Ward.Gcp.Ingest.GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken), AsOf);

        // When the custom-role technique is checked
        var checker = Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == "gcp-custom-role-update");
        var edges = checker.Check(context, targets: null).Where(e => e.From.Value == Roler).ToList();

        // Then tg-prod, tagged env/prod, gives a certain edge; tg-dev, tagged env/dev, none; tg-legacy, whose tags are unknown, a conditional one saying so
        var prod = Assert.Single(edges, e => e.AdminScope == Project + "822000000001");
        Assert.False(prod.IsConditional);
        Assert.DoesNotContain(edges, e => e.AdminScope == Project + "822000000002");
        var legacy = Assert.Single(edges, e => e.AdminScope == Project + "822000000003");
        Assert.True(legacy.IsConditional);
        Assert.Contains(legacy.Requirements, r => r.Contains("the tags of `projects/822000000003` are not known", StringComparison.Ordinal));
    }
}
