using Ward.Core.Decisions;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Evaluation;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.GraphBodies;

namespace Ward.Microsoft.Tests.Entra;

/// <summary>
/// Roles scoped to an administrative unit acting on its members who hold roles, on a tenant exported from Microsoft
/// Graph v1.0. Microsoft ("Assign Microsoft Entra roles", roles that can be assigned with administrative unit scope):
/// "administrative unit scoped Helpdesk Administrators can reset passwords for users in the administrative unit only
/// if those users don't have administrator roles", and resets, authentication methods, sensitive properties and
/// deletion "are restricted when the target of an action is a user with another role or an administrator"; the
/// Privileged Authentication Administrator acts there on "any user (admin or non-admin)". Stores EU holds tara
/// (Helpdesk Administrator), rhea (Reports Reader), paul (no role) and gabe (Global Administrator, through a
/// tenant-wide assignment). hana is Helpdesk Administrator, aron Authentication Administrator, pam Privileged
/// Authentication Administrator and uma User Administrator, each scoped to Stores EU.
/// </summary>
public sealed class AdministrativeUnitScopedResetTests
{
    private const string Reset = "microsoft.directory/users/password/update";
    private const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    private const string HelpdeskAdministrator = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    private const string AuthenticationAdministrator = "c4e39bd9-1100-46d3-8c65-fb160da0071f";
    private const string PrivilegedAuthenticationAdministrator = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13";
    private const string UserAdministrator = "fe930be7-5e62-47db-91af-98c3a49a38b1";
    private const string ReportsReader = "4a5d8f65-41da-4de4-8968-e035b65339cf";
    private const string StoresEu = "6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b01";

    private const string Tara = "6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b11";
    private const string Rhea = "6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b12";
    private const string Paul = "6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b13";
    private const string Gabe = "6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b14";
    private const string Hana = "6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b21";
    private const string Aron = "6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b22";
    private const string Pam = "6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b23";
    private const string Uma = "6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b24";

    private const string Restricted = "\"Reset user passwords\" is restricted for roles scoped to an administrative unit \"when the target of an action is a user with another role or an administrator\"";

    private static readonly Lazy<EntraDirectory> Directory = new(Load);

    private static EntraRoleAuthorizer Authorizer => new(Directory.Value);

    [Fact]
    public void A_unit_scoped_Helpdesk_Administrator_may_not_reset_a_member_holding_a_role()
    {
        // When hana, Helpdesk Administrator of Stores EU, resets tara, a member holding Helpdesk Administrator
        var decision = Authorizer.Authorize(Hana, Reset, Tara);

        // Then she may not, though a tenant-wide Helpdesk Administrator may reset another: Microsoft's rule is quoted
        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
        Assert.Contains(Restricted, decision.Explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("only if those users don't have administrator roles", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_unit_scoped_Helpdesk_Administrator_resets_a_member_holding_no_role()
    {
        Assert.Equal(DecisionKind.Allowed, Authorizer.Authorize(Hana, Reset, Paul).Kind);
    }

    [Fact]
    public void A_unit_scoped_Authentication_Administrator_may_not_reset_nor_change_the_methods_of_a_Reports_Reader()
    {
        var reset = Authorizer.Authorize(Aron, Reset, Rhea);
        var methods = Authorizer.Authorize(Aron, "microsoft.directory/users/authenticationMethods/basic/update", Rhea);

        Assert.Equal(DecisionKind.ImplicitDeny, reset.Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, methods.Kind);
        Assert.Contains("\"Read and modify user authentication methods\" is restricted", methods.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_unit_scoped_Privileged_Authentication_Administrator_resets_any_member()
    {
        // "any user (admin or non-admin)": gabe, a Global Administrator in the unit, included
        Assert.Equal(DecisionKind.Allowed, Authorizer.Authorize(Pam, Reset, Gabe).Kind);
    }

    [Fact]
    public void A_unit_scoped_User_Administrator_resetting_a_limited_admin_is_left_undecided()
    {
        // Microsoft says both that it resets "passwords for limited admins" in the unit and that resets are
        // restricted for a target with another role; a Global Administrator is refused either way
        var limited = Authorizer.Authorize(Uma, Reset, Tara);
        Assert.Equal(DecisionKind.Indeterminate, limited.Kind);
        Assert.Contains("passwords for limited admins within the assigned administrative unit only", limited.Explanation.Summary, StringComparison.Ordinal);
        Assert.Equal(DecisionKind.ImplicitDeny, Authorizer.Authorize(Uma, Reset, Gabe).Kind);
    }

    [Fact]
    public void Refresh_token_invalidation_is_not_in_Microsoft_s_list_and_stays_undecided()
    {
        var decision = Authorizer.Authorize(Hana, PasswordResetTiers.InvalidateRefreshTokensAction, Tara);

        Assert.Equal(DecisionKind.Indeterminate, decision.Kind);
        Assert.Contains("without naming this one", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reset_edge_leads_only_to_the_member_holding_no_role()
    {
        var context = new MicrosoftEdgeContext(Directory.Value, AzureEstate.Empty, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var resets = new ResetPasswordEdgeChecker().Check(context, targets: null).Where(e => e.From.Value == Hana).ToList();

        var edge = Assert.Single(resets);
        Assert.Equal(Paul, edge.To.Value);
        Assert.False(edge.IsConditional);
    }

    private static EntraDirectory Load()
    {
        var unit = $$"""{"id": "{{StoresEu}}", "displayName": "Stores EU", "description": null, "visibility": null, "membershipType": null, "membershipRule": null, "membershipRuleProcessingState": null, "isMemberManagementRestricted": false}""";
        var scope = $"/administrativeUnits/{StoresEu}";
        using var folder = new ScratchFolder(
            ("users/page-001.json", Collection("users", string.Join(",\n",
                User(Tara, "Tara Helpdesk"), User(Rhea, "Rhea Reports"), User(Paul, "Paul Plain"), User(Gabe, "Gabe Global"),
                User(Hana, "Hana Unit"), User(Aron, "Aron Unit"), User(Pam, "Pam Unit"), User(Uma, "Uma Unit")))),
            ("administrative-units/page-001.json", Collection("directory/administrativeUnits", unit)),
            ($"administrative-unit-members/{StoresEu}/page-001.json", Collection("directoryObjects", string.Join(",\n", Member("user", Tara), Member("user", Rhea), Member("user", Paul), Member("user", Gabe)))),
            ("role-definitions/page-001.json", Collection("roleManagement/directory/roleDefinitions", string.Join(",\n",
                BuiltInRole(GlobalAdministrator, "Global Administrator", "microsoft.directory/users/allProperties/allTasks"),
                BuiltInRole(HelpdeskAdministrator, "Helpdesk Administrator", "microsoft.directory/users/invalidateAllRefreshTokens", "microsoft.directory/users/password/update"),
                BuiltInRole(AuthenticationAdministrator, "Authentication Administrator", "microsoft.directory/users/authenticationMethods/basic/update", "microsoft.directory/users/invalidateAllRefreshTokens", "microsoft.directory/users/password/update"),
                BuiltInRole(PrivilegedAuthenticationAdministrator, "Privileged Authentication Administrator", "microsoft.directory/users/authenticationMethods/basic/update", "microsoft.directory/users/password/update"),
                BuiltInRole(UserAdministrator, "User Administrator", "microsoft.directory/users/invalidateAllRefreshTokens", "microsoft.directory/users/password/update"),
                BuiltInRole(ReportsReader, "Reports Reader", "microsoft.directory/auditLogs/allProperties/read")))),
            ("role-assignments/page-001.json", Collection("roleManagement/directory/roleAssignments", string.Join(",\n",
                RoleAssignment(Tara, HelpdeskAdministrator), RoleAssignment(Rhea, ReportsReader), RoleAssignment(Gabe, GlobalAdministrator),
                RoleAssignment(Hana, HelpdeskAdministrator, scope), RoleAssignment(Aron, AuthenticationAdministrator, scope),
                RoleAssignment(Pam, PrivilegedAuthenticationAdministrator, scope), RoleAssignment(Uma, UserAdministrator, scope)))));
        var directory = EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(directory.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return directory;
    }
}
