using System.Collections.Frozen;
using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Gcp.Edges;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Tests.Edges;

/// <summary>
/// The per-container searches of <see cref="GcpGraph.Escalations"/> skip principals already reported at a container
/// above; these hold the cases where skipping too much would lose a path.
/// </summary>
public sealed class GcpGraphEscalationSearchTests
{
    private const string Organization = "//cloudresourcemanager.googleapis.com/organizations/9";
    private const string ProjectOne = "//cloudresourcemanager.googleapis.com/projects/1";
    private const string ProjectTwo = "//cloudresourcemanager.googleapis.com/projects/2";

    [Fact]
    public void An_owner_of_one_project_reaches_a_sibling_project_through_a_principal_reported_at_the_first()
    {
        // Given a service account that can become an owner of either project, and an owner of the first project that
        // can act as the service account
        var graph = Graph(
            [Edge("serviceAccount:ci@p1.iam.gserviceaccount.com", "user:alice@example.com"), Edge("serviceAccount:ci@p1.iam.gserviceaccount.com", "user:bob@example.com"), Edge("user:alice@example.com", "serviceAccount:ci@p1.iam.gserviceaccount.com")],
            organizationOwners: ["user:olga@example.com"],
            projectOneOwners: ["user:alice@example.com"],
            projectTwoOwners: ["user:bob@example.com"]);

        // When the escalations are searched, top down
        var escalations = graph.Escalations().ToDictionary(e => e.Principal, StringComparer.Ordinal);

        // Then the service account is reported at the first project, and the first project's owner at the second,
        // through the service account (reported at a sibling, not above: its reachers are not all reported)
        Assert.Equal(ProjectOne, escalations["serviceAccount:ci@p1.iam.gserviceaccount.com"].Container.Name);
        var alice = escalations["user:alice@example.com"];
        Assert.Equal(ProjectTwo, alice.Container.Name);
        Assert.Equal("user:alice@example.com -> serviceAccount:ci@p1.iam.gserviceaccount.com -> user:bob@example.com", "user:alice@example.com" + string.Concat(alice.Path.Select(e => " -> " + e.To.Value)));
    }

    [Fact]
    public void Principals_that_reach_one_reported_at_the_organization_are_reported_there_once_with_their_shortest_path()
    {
        // Given a chain of two principals to the organization's owner, and a project whose owner the first can also become
        var graph = Graph(
            [Edge("user:zoe@example.com", "user:olga@example.com"), Edge("user:will@example.com", "user:zoe@example.com"), Edge("user:will@example.com", "user:bob@example.com")],
            organizationOwners: ["user:olga@example.com"],
            projectOneOwners: ["user:alice@example.com"],
            projectTwoOwners: ["user:bob@example.com"]);

        var escalations = graph.Escalations();

        // Then both are reported at the organization, once each, and nobody else is
        Assert.Equal("user:will@example.com,user:zoe@example.com", string.Join(",", escalations.Select(e => e.Principal)));
        Assert.All(escalations, e => Assert.Equal(Organization, e.Container.Name));
        Assert.Equal(2, escalations.Single(e => e.Principal == "user:will@example.com").Path.Length);
    }

    private static Edge Edge(string from, string to) =>
        new(new PrincipalId(from), new PrincipalId(to), "gcp-sa-get-access-token", "can act as it", []);

    private static GcpGraph Graph(Edge[] edges, string[] organizationOwners, string[] projectOneOwners, string[] projectTwoOwners)
    {
        var principals = edges.SelectMany(e => new[] { e.From.Value, e.To.Value }).Concat(organizationOwners).Concat(projectOneOwners).Concat(projectTwoOwners).Distinct(StringComparer.Ordinal);
        var nodes = principals.Select(p => new GraphNode(new PrincipalId(p), p.StartsWith("user:", StringComparison.Ordinal) ? PrincipalKind.HumanUser : PrincipalKind.WorkloadIdentity, CloudProvider.Gcp, p, null));
        HierarchyNode[] hierarchy =
        [
            new() { Name = Organization, Kind = HierarchyNodeKind.Organization, DisplayName = "example.com", Ancestors = ["organizations/9"] },
            new() { Name = ProjectOne, Kind = HierarchyNodeKind.Project, DisplayName = "p1", ProjectId = "p1", Parent = "organizations/9", Ancestors = ["projects/1", "organizations/9"] },
            new() { Name = ProjectTwo, Kind = HierarchyNodeKind.Project, DisplayName = "p2", ProjectId = "p2", Parent = "organizations/9", Ancestors = ["projects/2", "organizations/9"] },
        ];
        var owners = new Dictionary<string, ContainerOwners.Level>(StringComparer.Ordinal)
        {
            [Organization] = new(null, Owners(organizationOwners)),
            [ProjectOne] = new(Organization, Owners(projectOneOwners)),
            [ProjectTwo] = new(Organization, Owners(projectTwoOwners)),
        };
        return new GcpGraph(new EntitlementGraph(nodes, edges), [.. hierarchy], new ContainerOwners(owners));
    }

    private static FrozenDictionary<string, string> Owners(IEnumerable<string> principals) =>
        principals.ToFrozenDictionary(p => p, _ => "roles/owner", StringComparer.Ordinal);
}
