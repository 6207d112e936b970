using System.Globalization;
using Ward.Core.Decisions;
using Ward.Gcp.Iam;
using Ward.Gcp.Ingest;
using Ward.Gcp.Policy.Evaluation;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Policy;

/// <summary>
/// A group's transitive memberships, as <c>gcloud identity groups memberships search-transitive-memberships
/// --group-email=engineering@northwind.example --format=json</c> prints them (the Cloud Identity
/// <c>MemberRelation</c>: <c>member</c>, <c>preferredMemberKey[]</c>, <c>relationType</c>, <c>roles[].role</c>), in
/// the file the export names after the group, added to the Northwind organization, where engineering is Editor of the
/// Engineering folder. Engineering holds kim and the cloud-admins group directly, and dana through cloud-admins; no
/// group search nor membership list is exported.
/// </summary>
public sealed class TransitiveMembershipTests
{
    private const string EngineeringFile = "groups/memberships/engineering@northwind.example.json";

    private const string Relations = """
        {
          "member": "users/109911874423001857764",
          "preferredMemberKey": [{"id": "kim@northwind.example"}],
          "relationType": "DIRECT",
          "roles": [{"role": "MEMBER"}]
        },
        {
          "member": "groups/03x8tuzt3hqdv5n",
          "preferredMemberKey": [{"id": "cloud-admins@northwind.example"}],
          "relationType": "DIRECT",
          "roles": [{"role": "MEMBER"}]
        },
        {
          "member": "users/106000000000000000004",
          "preferredMemberKey": [{"id": "dana@northwind.example"}],
          "relationType": "INDIRECT",
          "roles": [{"role": "MEMBER"}]
        }
        """;

    private static readonly DateTimeOffset December2026 = DateTimeOffset.Parse("2026-12-01T09:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    [Fact]
    public void Direct_and_indirect_members_of_a_transitive_export_are_members_and_others_are_not()
    {
        var estate = Load(EngineeringFile, $"[{Relations}]");

        // Then kim, a direct member, may set instance metadata in nw-app-prod through engineering's Editor binding
        var kim = Can(estate, "user:kim@northwind.example");
        Assert.IsType<Allowed>(kim);
        Assert.Contains("`user:kim@northwind.example` is a member of group `engineering@northwind.example` (directly)", kim.Explanation.Summary, StringComparison.Ordinal);

        // And dana, a member only through the nested cloud-admins group, too
        var dana = Can(estate, "user:dana@northwind.example");
        Assert.IsType<Allowed>(dana);
        Assert.Contains("`user:dana@northwind.example` is a member of group `engineering@northwind.example` (through nested groups)", dana.Explanation.Summary, StringComparison.Ordinal);

        // And the nested group asked about as itself
        Assert.IsType<Allowed>(Can(estate, "group:cloud-admins@northwind.example"));

        // And a user the search does not list is in no nested group either: denied, although cloud-admins' own
        // memberships were not exported
        Assert.Equal(DecisionKind.ImplicitDeny, Can(estate, "user:zed@northwind.example").Kind);
        Assert.DoesNotContain(estate.Diagnostics, d => d.Location.File.Contains("memberships", StringComparison.Ordinal));
        Assert.Equal(3, estate.GroupMemberships.Length);
    }

    [Fact]
    public void The_response_printed_whole_with_a_next_page_leaves_unlisted_principals_possible()
    {
        var estate = Load(EngineeringFile, $$"""{"memberships": [{{Relations}}], "nextPageToken": "CgwI2s3Bsg"}""");

        Assert.IsType<Allowed>(Can(estate, "user:kim@northwind.example"));
        var zed = Assert.IsType<Conditional>(Can(estate, "user:zed@northwind.example"));
        Assert.Contains("`user:zed@northwind.example` is a member of group `engineering@northwind.example` on a page of the transitive memberships of group `engineering@northwind.example` that was not exported", Assert.Single(zed.Requirements), StringComparison.Ordinal);
        var partial = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.PartialMemberships);
        Assert.Equal("$.nextPageToken", partial.Location.JsonPath);
    }

    [Fact]
    public void A_transitive_export_in_a_file_not_named_after_its_group_is_reported_as_such_and_skipped()
    {
        var estate = Load("groups/transitive-memberships.json", $"[{Relations}]");

        var unplaced = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.UnplacedMemberships);
        Assert.Equal("$", unplaced.Location.JsonPath);
        Assert.Contains("3 transitive group memberships (`gcloud identity groups memberships search-transitive-memberships`)", unplaced.Message, StringComparison.Ordinal);
        Assert.Contains("`groups/memberships/GROUP_EMAIL.json`", unplaced.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(estate.Diagnostics, d => d.Message.Contains("without `name`", StringComparison.Ordinal));

        // The group's members stay unknown: kim is only possibly allowed
        Assert.IsType<Conditional>(Can(estate, "user:kim@northwind.example"));
    }

    [Fact]
    public void Transitive_members_are_read_with_their_relation_and_get_membership_edges()
    {
        var estate = Load(EngineeringFile, $"[{Relations}]");

        var dana = Assert.Single(estate.GroupMemberships, m => m.MemberEmail == "dana@northwind.example");
        Assert.Equal(("engineering@northwind.example", GroupRelation.Indirect, GroupMemberType.Unspecified, "users/106000000000000000004"), (dana.GroupEmail, dana.Relation, dana.MemberType, dana.Name));
        Assert.Equal(["MEMBER"], dana.Roles, StringComparer.Ordinal);
        Assert.Equal(GroupMemberType.Group, Assert.Single(estate.GroupMemberships, m => m.MemberEmail == "cloud-admins@northwind.example").MemberType);

        var edges = new Ward.Gcp.Edges.Checkers.GroupMemberEdgeChecker().Check(new Ward.Gcp.Edges.GcpEdgeContext(estate, December2026), targets: null).ToList();
        Assert.Equal(["group:cloud-admins@northwind.example", "user:dana@northwind.example", "user:kim@northwind.example"], edges.Select(e => e.From.Value).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Contains("through nested groups", Assert.Single(edges, e => e.From.Value == "user:dana@northwind.example").Description, StringComparison.Ordinal);
    }

    /// <summary>The Northwind organization with one more file.</summary>
    private static GcpEstate Load(string name, string text)
    {
        using var folder = new ScratchFolder();
        folder.CopyFrom(GcpFixtures.OrganizationFolder);
        folder.Write(name, text);
        return GcpEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
    }

    /// <summary>Whether the principal may set instance metadata in nw-app-prod.</summary>
    private static Decision Can(GcpEstate estate, string principal)
    {
        var located = ResourceLocator.Locate(estate, GcpFixtures.AppProd, out var problem) ?? throw new InvalidOperationException(problem);
        return new GcpAuthorizer(estate).Authorize(new GcpRequest { Principal = Member.Parse(principal), Permission = "compute.instances.setMetadata", Resource = located, AsOf = December2026 });
    }
}
