using Ward.Core.Graph;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.GraphBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>entra-reset-password</c> over the documented "Who can reset passwords" table, one resetting role at a time, on a
/// tenant exported from Microsoft Graph v1.0: each role resets the users its column lists, and no one else.
/// </summary>
public sealed class ResetPasswordEdgeCheckerTests
{
    private const string Reset = "microsoft.directory/users/password/update";

    private const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    private const string PrivilegedAuthenticationAdministrator = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13";
    private const string PartnerTier2Support = "e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8";
    private const string PartnerTier1Support = "4ba39ca4-527c-499a-b93d-d9b492c50246";
    private const string PasswordAdministrator = "966707d0-3269-4727-9be2-8c3a10f19b9d";
    private const string AuthenticationAdministrator = "c4e39bd9-1100-46d3-8c65-fb160da0071f";
    private const string UserAdministrator = "fe930be7-5e62-47db-91af-98c3a49a38b1";
    private const string HelpdeskAdministrator = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    private const string GroupsAdministrator = "fdd7a751-b60b-444a-984c-02652fe8fa1c";
    private const string UserExperienceSuccessManager = "27460883-1df1-4691-b032-3b79643e5e63";

    // The resetters, one role each.
    private const string Tariq = "3c1d5e7f-0a2b-4c4d-8e6f-7a8b9c0d1e01";
    private const string Una = "3c1d5e7f-0a2b-4c4d-8e6f-7a8b9c0d1e02";
    private const string Pia = "3c1d5e7f-0a2b-4c4d-8e6f-7a8b9c0d1e03";
    private const string Abe = "3c1d5e7f-0a2b-4c4d-8e6f-7a8b9c0d1e04";
    private const string Uma = "3c1d5e7f-0a2b-4c4d-8e6f-7a8b9c0d1e05";
    private const string Paz = "3c1d5e7f-0a2b-4c4d-8e6f-7a8b9c0d1e06";

    // The users whose passwords are at stake.
    private const string Gita = "3c1d5e7f-0a2b-4c4d-8e6f-7a8b9c0d1e11";
    private const string Nils = "3c1d5e7f-0a2b-4c4d-8e6f-7a8b9c0d1e12";
    private const string Hugo = "3c1d5e7f-0a2b-4c4d-8e6f-7a8b9c0d1e13";
    private const string Gwen = "3c1d5e7f-0a2b-4c4d-8e6f-7a8b9c0d1e14";
    private const string Pete = "3c1d5e7f-0a2b-4c4d-8e6f-7a8b9c0d1e15";
    private const string Ava = "3c1d5e7f-0a2b-4c4d-8e6f-7a8b9c0d1e16";
    private const string Ulla = "3c1d5e7f-0a2b-4c4d-8e6f-7a8b9c0d1e17";

    private static readonly Lazy<IReadOnlyList<Edge>> Edges = new(Build);

    public static TheoryData<string, string, string, bool> Table => new()
    {
        // Partner Tier2 Support: anyone, Global Administrators included.
        { "Partner Tier2 Support", Tariq, Gita, true },
        { "Partner Tier2 Support", Tariq, Nils, true },
        { "Partner Tier2 Support", Tariq, Paz, true },

        // Partner Tier1 Support: non-administrators only.
        { "Partner Tier1 Support", Una, Nils, true },
        { "Partner Tier1 Support", Una, Pete, false },
        { "Partner Tier1 Support", Una, Hugo, false },
        { "Partner Tier1 Support", Una, Gita, false },

        // Password Administrator: Directory Readers, Guest Inviter, Password Administrator.
        { "Password Administrator", Pia, Nils, true },
        { "Password Administrator", Pia, Pete, true },
        { "Password Administrator", Pia, Hugo, false },
        { "Password Administrator", Pia, Gita, false },
        { "Password Administrator", Pia, Ulla, false },

        // Authentication Administrator: its own role and the readers, not Helpdesk Administrators.
        { "Authentication Administrator", Abe, Ava, true },
        { "Authentication Administrator", Abe, Pete, true },
        { "Authentication Administrator", Abe, Hugo, false },
        { "Authentication Administrator", Abe, Gwen, false },
        { "Authentication Administrator", Abe, Ulla, true },

        // Helpdesk Administrator: the readers and User Experience Success Managers, not Authentication Administrators.
        { "Helpdesk Administrator", Hugo, Ulla, true },
        { "Helpdesk Administrator", Hugo, Pete, true },
        { "Helpdesk Administrator", Hugo, Ava, false },
        { "Helpdesk Administrator", Hugo, Gwen, false },

        // User Administrator: Helpdesk and Groups Administrators too, not Authentication Administrators.
        { "User Administrator", Uma, Hugo, true },
        { "User Administrator", Uma, Gwen, true },
        { "User Administrator", Uma, Ava, false },
        { "User Administrator", Uma, Gita, false },
        { "User Administrator", Uma, Ulla, true },

        // Privileged Authentication Administrator: anyone.
        { "Privileged Authentication Administrator", Paz, Gita, true },
        { "Privileged Authentication Administrator", Paz, Ava, true },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_role_resets_the_passwords_its_column_of_the_table_lists_and_no_others(string role, string resetter, string target, bool resets)
    {
        // Given a tenant where each resetter holds one role (the role named) and each target holds at most one role:
        //   gita Global Administrator, nils none, hugo Helpdesk Administrator, gwen Groups Administrator,
        //   pete Password Administrator, ava Authentication Administrator, ulla User Experience Success Manager
        // When the password reset edges are built
        var edge = Edges.Value.SingleOrDefault(e => e.From.Value == resetter && e.To.Value == target);

        // Then the resetter has a certain edge to the target when the table lets its role reset them, and none otherwise
        if (resets)
        {
            Assert.NotNull(edge);
            Assert.False(edge.IsConditional, $"{role}: {string.Join("; ", edge.Requirements)}");
            Assert.Equal(Reset, Assert.Single(edge.Permissions).Action);
            Assert.Contains(role, edge.Permissions[0].GrantedBy, StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(edge);
        }
    }

    [Fact]
    public void No_reset_edge_is_left_undecided()
    {
        // Then every edge is certain: the partner roles are decided like the others
        Assert.All(Edges.Value, e => Assert.False(e.IsConditional, $"{e.From} → {e.To}: {string.Join("; ", e.Requirements)}"));
    }

    private static List<Edge> Build()
    {
        string[] resetActions = ["microsoft.directory/users/invalidateAllRefreshTokens", Reset, "microsoft.azure.supportTickets/allEntities/allTasks"];
        var users = new[]
        {
            User(Tariq, "Tariq Partner"), User(Una, "Una Partner"), User(Pia, "Pia Passwords"), User(Abe, "Abe Authentication"), User(Uma, "Uma Users"),
            User(Paz, "Paz Privileged"), User(Gita, "Gita Global"), User(Nils, "Nils None"), User(Hugo, "Hugo Helpdesk"), User(Gwen, "Gwen Groups"),
            User(Pete, "Pete Passwords"), User(Ava, "Ava Authentication"), User(Ulla, "Ulla Experience"),
        };
        var roles = new[]
        {
            BuiltInRole(GlobalAdministrator, "Global Administrator", "microsoft.directory/users/allProperties/allTasks", "microsoft.directory/roleAssignments/allProperties/allTasks"),
            BuiltInRole(PrivilegedAuthenticationAdministrator, "Privileged Authentication Administrator", "microsoft.directory/users/authenticationMethods/create", Reset),
            BuiltInRole(PartnerTier2Support, "Partner Tier2 Support", [.. resetActions, "microsoft.directory/users/delete", "microsoft.directory/applications/credentials/update"]),
            BuiltInRole(PartnerTier1Support, "Partner Tier1 Support", [.. resetActions, "microsoft.directory/users/create", "microsoft.directory/applications/credentials/update"]),
            BuiltInRole(PasswordAdministrator, "Password Administrator", Reset),
            BuiltInRole(AuthenticationAdministrator, "Authentication Administrator", [.. resetActions, "microsoft.directory/users/authenticationMethods/create"]),
            BuiltInRole(UserAdministrator, "User Administrator", [.. resetActions, "microsoft.directory/users/create", "microsoft.directory/groups/members/update"]),
            BuiltInRole(HelpdeskAdministrator, "Helpdesk Administrator", resetActions),
            BuiltInRole(GroupsAdministrator, "Groups Administrator", "microsoft.directory/groups/members/update", "microsoft.directory/groups/owners/update"),
            BuiltInRole(UserExperienceSuccessManager, "User Experience Success Manager", "microsoft.office365.usageReports/allEntities/allProperties/read", "microsoft.office365.messageCenter/messages/read"),
        };
        var assignments = new[]
        {
            RoleAssignment(Tariq, PartnerTier2Support), RoleAssignment(Una, PartnerTier1Support), RoleAssignment(Pia, PasswordAdministrator),
            RoleAssignment(Abe, AuthenticationAdministrator), RoleAssignment(Uma, UserAdministrator), RoleAssignment(Paz, PrivilegedAuthenticationAdministrator),
            RoleAssignment(Gita, GlobalAdministrator), RoleAssignment(Hugo, HelpdeskAdministrator), RoleAssignment(Gwen, GroupsAdministrator),
            RoleAssignment(Pete, PasswordAdministrator), RoleAssignment(Ava, AuthenticationAdministrator), RoleAssignment(Ulla, UserExperienceSuccessManager),
        };
        using var folder = new ScratchFolder(
            ("users/page-001.json", Collection("users", string.Join(",\n", users))),
            ("role-definitions/page-001.json", Collection("roleManagement/directory/roleDefinitions", string.Join(",\n", roles))),
            ("role-assignments/page-001.json", Collection("roleManagement/directory/roleAssignments", string.Join(",\n", assignments))));
        var directory = EntraDirectoryLoader.Load([folder.Path]);
        Assert.Empty(directory.Diagnostics.Where(d => d.Severity == Ward.Core.Diagnostics.DiagnosticSeverity.Error));
        var context = new MicrosoftEdgeContext(directory, AzureEstate.Empty, new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        return [.. new ResetPasswordEdgeChecker().Check(context, targets: null)];
    }
}
