using System.Collections.Frozen;
using Ward.Microsoft.Entra.Catalog;

namespace Ward.Microsoft.Entra.Evaluation;

/// <summary>
/// Whose password each built-in role may reset, as Microsoft Graph documents it ("Who can reset passwords",
/// https://learn.microsoft.com/en-us/graph/api/resources/users#who-can-reset-passwords): a role may reset a user's
/// password only if every role the user holds is on its list. The same table says who may invalidate a user's refresh
/// tokens: its columns "list the roles that can reset passwords and invalidate refresh tokens" ("Privileged roles and
/// permissions in Microsoft Entra ID", https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/privileged-roles-permissions#who-can-reset-passwords). Privileged Authentication Administrator and Global
/// Administrator may reset anyone's; members and owners of role-assignable groups, and holders of custom roles, only
/// they may reset. The deprecated partner roles are outside the table, in the note below it ("Privileged roles and
/// permissions in Microsoft Entra ID"): Partner Tier2 Support resets anyone's password, Global Administrators'
/// included; Partner Tier1 Support only that of non-administrators, so its list is empty.
/// </summary>
public static class PasswordResetTiers
{
    public const string ResetAction = "microsoft.directory/users/password/update";
    public const string InvalidateRefreshTokensAction = "microsoft.directory/users/invalidateAllRefreshTokens";

    public const string GlobalAdministrator = DirectoryRoleTiers.GlobalAdministrator;
    public const string PrivilegedAuthenticationAdministrator = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13";
    public const string PartnerTier2Support = "e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8";
    public const string PartnerTier1Support = "4ba39ca4-527c-499a-b93d-d9b492c50246";
    internal const string PasswordAdministrator = "966707d0-3269-4727-9be2-8c3a10f19b9d";
    internal const string HelpdeskAdministrator = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    internal const string AuthenticationAdministrator = "c4e39bd9-1100-46d3-8c65-fb160da0071f";
    internal const string UserAdministrator = "fe930be7-5e62-47db-91af-98c3a49a38b1";
    internal const string DirectoryReaders = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";
    internal const string GroupsAdministrator = "fdd7a751-b60b-444a-984c-02652fe8fa1c";
    internal const string GuestInviter = "95e79109-95c0-4d8e-aee3-d01accf2d47b";
    internal const string MessageCenterReader = "790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b";
    internal const string PrivilegedRoleAdministrator = "e8611ab8-c189-46e8-94e1-60213ab1f814";
    internal const string ReportsReader = "4a5d8f65-41da-4de4-8968-e035b65339cf";
    internal const string UsageSummaryReportsReader = "75934031-6c7e-415a-99d7-48dbd49e875e";
    internal const string UserExperienceSuccessManager = "27460883-1df1-4691-b032-3b79643e5e63";

    private static readonly FrozenDictionary<string, FrozenSet<string>> Resettable = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        [PasswordAdministrator] = [DirectoryReaders, GuestInviter, PasswordAdministrator],
        [HelpdeskAdministrator] = [DirectoryReaders, GuestInviter, HelpdeskAdministrator, MessageCenterReader, PasswordAdministrator, ReportsReader, UsageSummaryReportsReader, UserExperienceSuccessManager],
        [AuthenticationAdministrator] = [AuthenticationAdministrator, DirectoryReaders, GuestInviter, MessageCenterReader, PasswordAdministrator, ReportsReader, UsageSummaryReportsReader, UserExperienceSuccessManager],
        [UserAdministrator] = [DirectoryReaders, GroupsAdministrator, GuestInviter, HelpdeskAdministrator, MessageCenterReader, PasswordAdministrator, ReportsReader, UserAdministrator, UsageSummaryReportsReader, UserExperienceSuccessManager],
        [PartnerTier1Support] = [],
    }.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenSet(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the action is one of the user actions the tiers limit: resetting a password, invalidating a user's refresh
    /// tokens (the table's columns are the roles that "reset passwords and invalidate refresh tokens"), and creating,
    /// changing or deleting a user's authentication methods (Microsoft applies the same "who can" table to them).
    /// </summary>
    public static bool IsTiered(string action) =>
        string.Equals(action, ResetAction, StringComparison.OrdinalIgnoreCase)
        || string.Equals(action, InvalidateRefreshTokensAction, StringComparison.OrdinalIgnoreCase)
        || (action.StartsWith("microsoft.directory/users/authenticationMethods/", StringComparison.OrdinalIgnoreCase) && !action.EndsWith("/read", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the role may reset the password of anyone, administrators included.</summary>
    public static bool ResetsAnyone(string templateId) =>
        string.Equals(templateId, GlobalAdministrator, StringComparison.OrdinalIgnoreCase)
        || string.Equals(templateId, PrivilegedAuthenticationAdministrator, StringComparison.OrdinalIgnoreCase)
        || string.Equals(templateId, PartnerTier2Support, StringComparison.OrdinalIgnoreCase);

    /// <summary>The roles a holder of the role may still reset; null when the table does not list the role (a custom role, another built-in one).</summary>
    public static FrozenSet<string>? ResettableRoles(string templateId) => Resettable.GetValueOrDefault(templateId);
}
