using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Evaluation;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;

namespace Ward.Microsoft.Tests.Entra;

/// <summary>
/// Microsoft's "Who can perform sensitive actions" table (disable, enable, delete, restore, rename a user) and the
/// "Who can reset passwords" table for refresh token invalidation, decided by the roles the target holds. The export
/// (Fixtures/Entra/sensitive-action-tiers): useradmin holds User Administrator and helpdesk Helpdesk Administrator; the targets hold,
/// by name, Global Administrator (t-ga, and the disabled t-ga-disabled), Groups Administrator, Reports Reader, Password
/// Administrator, a custom role, membership or ownership of a role-assignable group, an eligible Global Administrator,
/// or nothing (t-plain, and the disabled t-plain-disabled).
/// </summary>
public sealed class SensitiveActionTiersTests
{
    private const string UserAdmin = "cccccccc-0000-0000-0000-000000000002";
    private const string Helpdesk = "cccccccc-0000-0000-0000-000000000001";
    private const string GlobalAdmin = "cccccccc-0000-0000-0000-000000000016";
    private const string GroupsAdmin = "cccccccc-0000-0000-0000-000000000011";
    private const string EligibleGlobalAdmin = "cccccccc-0000-0000-0000-000000000012";
    private const string RoleAssignableGroupMember = "cccccccc-0000-0000-0000-000000000013";
    private const string RoleAssignableGroupOwner = "cccccccc-0000-0000-0000-000000000014";
    private const string CustomRoleHolder = "cccccccc-0000-0000-0000-000000000015";
    private const string Plain = "cccccccc-0000-0000-0000-000000000017";
    private const string PasswordAdmin = "cccccccc-0000-0000-0000-000000000018";
    private const string DisabledGlobalAdmin = "cccccccc-0000-0000-0000-000000000019";
    private const string DisabledPlain = "cccccccc-0000-0000-0000-000000000020";

    private static readonly EntraDirectory Directory = EntraDirectoryLoader.Load([Path.Combine(EntraFixtures.Directory, "sensitive-action-tiers")]);
    private static readonly EntraRoleAuthorizer Authorizer = new(Directory);

    public static TheoryData<string> SensitiveActions { get; } =
    [
        "microsoft.directory/users/disable", "microsoft.directory/users/enable", "microsoft.directory/users/delete",
        "microsoft.directory/users/userPrincipalName/update",
    ];

    [Theory]
    [MemberData(nameof(SensitiveActions))]
    public void A_User_Administrator_may_not_perform_a_sensitive_action_on_a_Global_Administrator(string action)
    {
        var decision = Authorizer.Authorize(UserAdmin, action, GlobalAdmin);

        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
        Assert.Contains("holds `Global Administrator`, so `User Administrator` may not perform the sensitive action", decision.Explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("Who can perform sensitive actions", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SensitiveActions))]
    public void A_User_Administrator_performs_it_on_the_rows_its_column_marks(string action)
    {
        Assert.Equal(DecisionKind.Allowed, Authorizer.Authorize(UserAdmin, action, Plain).Kind);
        Assert.Equal(DecisionKind.Allowed, Authorizer.Authorize(UserAdmin, action, GroupsAdmin).Kind);
        Assert.Equal(DecisionKind.Allowed, Authorizer.Authorize(UserAdmin, action, PasswordAdmin).Kind);
    }

    [Theory]
    [MemberData(nameof(SensitiveActions))]
    public void Administrators_one_activation_away_members_and_owners_of_role_assignable_groups_and_custom_role_holders_are_out_of_reach(string action)
    {
        Assert.Equal(DecisionKind.ImplicitDeny, Authorizer.Authorize(UserAdmin, action, EligibleGlobalAdmin).Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, Authorizer.Authorize(UserAdmin, action, RoleAssignableGroupMember).Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, Authorizer.Authorize(UserAdmin, action, RoleAssignableGroupOwner).Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, Authorizer.Authorize(UserAdmin, action, CustomRoleHolder).Kind);
    }

    [Fact]
    public void A_Global_Administrator_performs_them_on_anyone() =>
        Assert.Equal(DecisionKind.Allowed, Authorizer.Authorize(GlobalAdmin, "microsoft.directory/users/disable", EligibleGlobalAdmin).Kind);

    [Fact]
    public void Invalidating_refresh_tokens_follows_the_password_reset_table()
    {
        const string invalidate = "microsoft.directory/users/invalidateAllRefreshTokens";

        // User Administrator: not a Global Administrator's; a Groups Administrator's yes (both tables agree there)
        var ga = Authorizer.Authorize(UserAdmin, invalidate, GlobalAdmin);
        Assert.Equal(DecisionKind.ImplicitDeny, ga.Kind);
        Assert.Contains("may not invalidate its refresh tokens (Microsoft's table \"Who can reset passwords\")", ga.Explanation.Summary, StringComparison.Ordinal);
        Assert.Equal(DecisionKind.Allowed, Authorizer.Authorize(UserAdmin, invalidate, GroupsAdmin).Kind);

        // Helpdesk Administrator: a column of the reset table, which does not mark Groups Administrator
        Assert.Equal(DecisionKind.ImplicitDeny, Authorizer.Authorize(Helpdesk, invalidate, GroupsAdmin).Kind);
        Assert.Equal(DecisionKind.Allowed, Authorizer.Authorize(Helpdesk, invalidate, PasswordAdmin).Kind);
    }

    [Fact]
    public void The_table_holds_every_row_of_the_page()
    {
        Assert.Equal(18, SensitiveActionTiers.RowNames.Length);
        Assert.Contains("All other built-in and custom roles", SensitiveActionTiers.RowNames, StringComparer.Ordinal);
        Assert.True(SensitiveActionTiers.ActsOnAnyone(PasswordResetTiers.PrivilegedAuthenticationAdministrator));
        Assert.True(SensitiveActionTiers.ActsOnAnyone(PasswordResetTiers.GlobalAdministrator));
        Assert.False(SensitiveActionTiers.ActsOnAnyone(PasswordResetTiers.PartnerTier2Support));
        Assert.Null(SensitiveActionTiers.ActsOnRoles("966707d0-3269-4727-9be2-8c3a10f19b9d"));
    }

    [Fact]
    public void The_escalation_graph_enables_a_disabled_user_only_where_the_table_allows()
    {
        // Given a step from useradmin into a disabled Global Administrator and into a disabled user with no role
        var context = new MicrosoftEdgeContext(Directory, AzureEstate.Empty, new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        Edge Step(string target) => new(new(UserAdmin), new(target), "entra-reset-password", "resets the password", [new EdgePermission(PasswordResetTiers.ResetAction, target, "directory role", [])]);

        // Then it may not enable the administrator (no edge), and enables the other first, as `ward can` answers
        Assert.Null(DisabledAccounts.Qualify(context, Step(DisabledGlobalAdmin)));
        Assert.Equal(DecisionKind.ImplicitDeny, Authorizer.Authorize(UserAdmin, DisabledAccounts.EnableUser, DisabledGlobalAdmin).Kind);
        var enabled = DisabledAccounts.Qualify(context, Step(DisabledPlain));
        Assert.NotNull(enabled);
        Assert.Equal(DisabledAccounts.EnableUser, enabled.Permissions[0].Action);
    }
}
