using System.Collections.Immutable;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;

namespace Ward.Microsoft.Tests.Entra;

/// <summary>Transitive group membership: nested groups, cycles, exported transitive lists preferred, PIM eligibility on request.</summary>
public sealed class EntraDirectoryTests
{
    private const string A = "0a000000-0000-4000-8000-000000000001";
    private const string B = "0b000000-0000-4000-8000-000000000002";
    private const string C = "0c000000-0000-4000-8000-000000000003";
    private const string User = "0d000000-0000-4000-8000-000000000004";
    private const string Other = "0e000000-0000-4000-8000-000000000005";

    private static readonly EntraDirectory Contoso = EntraDirectoryLoader.Load([EntraFixtures.Contoso]);

    private static DirectoryObjectReference U(string id) => new(id, DirectoryObjectKind.User);

    private static DirectoryObjectReference G(string id) => new(id, DirectoryObjectKind.Group);

    private static EntraGroup Group(string id, ImmutableArray<DirectoryObjectReference>? members = null, ImmutableArray<DirectoryObjectReference>? transitive = null) =>
        new() { Id = id, DisplayName = id[..2], Members = members, TransitiveMembers = transitive };

    [Fact]
    public void Nested_groups_are_followed_through_direct_member_lists()
    {
        // Given A ∋ B ∋ C ∋ user, with only direct lists
        var directory = new EntraDirectory { Groups = [Group(A, [G(B)]), Group(B, [G(C)]), Group(C, [U(User)])] };

        // Then the user is in all three, and B in A only
        Assert.Equal([A, B, C], directory.TransitiveGroupsOf(User), StringComparer.Ordinal);
        Assert.Equal([A], directory.TransitiveGroupsOf(B), StringComparer.Ordinal);
        Assert.Empty(directory.TransitiveGroupsOf(A));
    }

    [Fact]
    public void A_cycle_of_groups_ends_the_walk_and_no_group_is_its_own_member()
    {
        // Given A ∋ B ∋ A, and the user in B
        var directory = new EntraDirectory { Groups = [Group(A, [G(B)]), Group(B, [G(A), U(User)])] };

        Assert.Equal([A, B], directory.TransitiveGroupsOf(User), StringComparer.Ordinal);
        Assert.Equal([B], directory.TransitiveGroupsOf(A), StringComparer.Ordinal);
    }

    [Fact]
    public void An_exported_transitive_list_is_preferred_over_direct_members()
    {
        // Given A's direct list names B (which holds the user), but A's exported transitive list says only Other
        var directory = new EntraDirectory { Groups = [Group(A, [G(B)], [G(B), U(Other)]), Group(B, [U(User)])] };

        // Then the user reaches B but not A (the transitive list is Graph's word), and Other reaches A
        Assert.Equal([B], directory.TransitiveGroupsOf(User), StringComparer.Ordinal);
        Assert.Equal([A], directory.TransitiveGroupsOf(Other), StringComparer.Ordinal);
    }

    [Fact]
    public void A_transitive_list_alone_gives_membership_without_direct_lists()
    {
        var directory = new EntraDirectory { Groups = [Group(A, transitive: [U(User)]), Group(B)] };

        Assert.Equal([A], directory.TransitiveGroupsOf(User), StringComparer.Ordinal);
        Assert.True(directory.HasMemberList(A));
        Assert.False(directory.HasMemberList(B));
    }

    [Fact]
    public void With_every_group_listed_transitively_the_lists_alone_answer_and_no_group_is_its_own_member()
    {
        // Given transitive lists for every group, as the export script writes them: A ∋ B ∋ user, and A listing itself
        var directory = new EntraDirectory { Groups = [Group(A, transitive: [G(B), U(User), G(A)]), Group(B, transitive: [U(User)])] };

        Assert.Equal([A, B], directory.TransitiveGroupsOf(User), StringComparer.Ordinal);
        Assert.Equal([A], directory.TransitiveGroupsOf(B), StringComparer.Ordinal);
        Assert.Empty(directory.TransitiveGroupsOf(A));
        Assert.Empty(directory.TransitiveGroupsOf(Other));
    }

    [Fact]
    public void Eligible_PIM_memberships_count_only_when_asked_for()
    {
        // Given the user eligible for membership of B, which is a member of A
        var directory = new EntraDirectory
        {
            Groups = [Group(A, [G(B)]), Group(B, [])],
            PrivilegedGroupAssignments = [new PrivilegedGroupAssignment { Id = "e", PrincipalId = User, GroupId = B, Access = GroupAccessType.Member, State = AssignmentState.Eligible }],
        };

        Assert.Empty(directory.TransitiveGroupsOf(User));
        Assert.Equal([A, B], directory.TransitiveGroupsOf(User, includeEligible: true), StringComparer.Ordinal);
    }

    [Fact]
    public void In_the_Contoso_export_members_reach_groups_through_nesting_and_the_helpdesk_cycle()
    {
        // Adele is in Platform Engineers, whose Tier0 Admins membership comes from Tier0's transitive list
        Assert.Equal([EntraFixtures.Tier0Admins, EntraFixtures.AllEmployees, EntraFixtures.PlatformEngineers, EntraFixtures.ProjectFalcon], Contoso.TransitiveGroupsOf(EntraFixtures.Adele), StringComparer.Ordinal);
        Assert.Equal([EntraFixtures.Tier0Admins, EntraFixtures.PlatformEngineers], Contoso.TransitiveGroupsOf(EntraFixtures.DeployServicePrincipal), StringComparer.Ordinal);

        // Lee is in Helpdesk L1, which is in Helpdesk Operators, which is in Helpdesk L1 again
        Assert.Equal([EntraFixtures.AllEmployees, EntraFixtures.HelpdeskL1, EntraFixtures.HelpdeskOperators], Contoso.TransitiveGroupsOf(EntraFixtures.Lee), StringComparer.Ordinal);
        Assert.Contains(EntraFixtures.Tier0Admins, Contoso.TransitiveGroupsOf(EntraFixtures.Lee, includeEligible: true), StringComparer.Ordinal);
    }

    [Fact]
    public void Direct_and_transitive_lists_that_disagree_are_reported_as_info()
    {
        // Given Tier0 Admins' transitive list that lacks Adele, whom its direct members reach
        using var folder = new ScratchFolder();
        folder.CopyFrom(EntraFixtures.Contoso);
        folder.Write($"group-transitive-members/{EntraFixtures.Tier0Admins}/page-001.json", GraphBodies.Collection("directoryObjects",
            GraphBodies.Member("group", EntraFixtures.PlatformEngineers) + "," + GraphBodies.Member("servicePrincipal", EntraFixtures.DeployServicePrincipal)));

        var directory = EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        var diagnostic = Assert.Single(directory.Diagnostics);
        Assert.Equal((EntraDiagnosticCodes.MembershipDisagreement, DiagnosticSeverity.Info), (diagnostic.Code, diagnostic.Severity));
        Assert.Contains(EntraFixtures.Adele, diagnostic.Message, StringComparison.Ordinal);

        // And the transitive list is used: Adele reaches Tier0 Admins no more
        Assert.DoesNotContain(EntraFixtures.Tier0Admins, directory.TransitiveGroupsOf(EntraFixtures.Adele), StringComparer.Ordinal);
    }

    [Fact]
    public void Groups_without_a_member_list_are_reported_once()
    {
        using var folder = new ScratchFolder();
        folder.CopyFrom(EntraFixtures.Contoso);
        folder.Delete(Path.Combine("group-members", EntraFixtures.ProjectFalcon, "page-001.json"));

        var directory = EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        var diagnostic = Assert.Single(directory.Diagnostics);
        Assert.Equal(EntraDiagnosticCodes.MembershipNotExported, diagnostic.Code);
        Assert.Contains("1 of 6 groups", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("Project Falcon", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_copy_with_other_groups_answers_from_its_own_groups()
    {
        var first = new EntraDirectory { Groups = [Group(A, [U(User)])] };
        Assert.Equal([A], first.TransitiveGroupsOf(User), StringComparer.Ordinal);

        var second = first with { Groups = [Group(B, [U(User)])] };

        Assert.Equal([B], second.TransitiveGroupsOf(User), StringComparer.Ordinal);
        Assert.Null(second.FindGroup(A));
    }
}
