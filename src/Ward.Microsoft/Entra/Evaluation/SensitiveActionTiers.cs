using System.Collections.Frozen;
using System.Collections.Immutable;
using static Ward.Microsoft.Entra.Evaluation.PasswordResetTiers;

namespace Ward.Microsoft.Entra.Evaluation;

/// <summary>
/// Who may perform a sensitive action on a user, by the roles the user holds, as Microsoft documents it ("Who can
/// perform sensitive actions" in "Privileged roles and permissions in Microsoft Entra ID",
/// https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/privileged-roles-permissions#who-can-perform-sensitive-actions;
/// Microsoft Graph's user pages, <c>user-delete</c> and <c>directory-deleteditems-restore</c> among them, refer to it).
/// A role may perform one only if every role the user holds is a row marked in its column, as for password resets
/// (<see cref="PasswordResetTiers"/>): members and owners of role-assignable groups, users holding a role scoped to a
/// restricted management administrative unit and holders of custom roles are left to Privileged Authentication
/// Administrators and Global Administrators, and the table is for roles assigned at the tenant ("for roles assigned at
/// the scope of an administrative unit, further restrictions apply": "Assign Microsoft Entra roles" lists sensitive user
/// properties and deletion among the permissions restricted when the target holds a role, which the authorizer applies).
/// </summary>
/// <remarks>
/// The page's first table names the sensitive actions by the property each changes. Those with a resource action of
/// their own are decided here: disabling or enabling (<c>accountEnabled</c>), deleting or restoring, and updating the
/// user principal name. The others (business and mobile phones, other e-mails, the on-premises immutable id) are
/// parts of property sets (<c>users/basic/update</c>, <c>users/contactInfo/update</c>) that also hold ordinary
/// properties, so an action does not say whether it touches them; the password profile is the password reset, which
/// follows the "Who can reset passwords" table.
/// </remarks>
public static class SensitiveActionTiers
{
    /// <summary>The resource actions that perform one of the page's sensitive actions, with its name there.</summary>
    private static readonly FrozenDictionary<string, string> SensitiveActions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["microsoft.directory/users/disable"] = "Disable or enable users",
        ["microsoft.directory/users/enable"] = "Disable or enable users",
        ["microsoft.directory/users/delete"] = "Delete or restore users",
        ["microsoft.directory/users/restore"] = "Delete or restore users",
        ["microsoft.directory/users/userPrincipalName/update"] = "Update user principal name",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // The table's columns: the roles that can perform sensitive actions.
    private const string AuthAdmin = "Auth Admin";
    private const string UserAdmin = "User Admin";
    private const string PrivilegedAuthAdmin = "Privileged Auth Admin";
    private const string GlobalAdmin = "Global Admin";

    private static readonly FrozenDictionary<string, string> ColumnRoles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [AuthAdmin] = AuthenticationAdministrator,
        [UserAdmin] = UserAdministrator,
        [PrivilegedAuthAdmin] = PrivilegedAuthenticationAdministrator,
        [GlobalAdmin] = GlobalAdministrator,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The table as the page writes it: each row a role "that sensitive action can be performed upon" (its template
    /// id; null for the rows that are not one role), and the columns marked in it.
    /// </summary>
    private static readonly (string Row, string? Role, string[] MarkedColumns)[] Table =
    [
        ("Auth Admin", AuthenticationAdministrator, [AuthAdmin, PrivilegedAuthAdmin, GlobalAdmin]),
        ("Directory Readers", DirectoryReaders, [AuthAdmin, UserAdmin, PrivilegedAuthAdmin, GlobalAdmin]),
        ("Global Admin", GlobalAdministrator, [PrivilegedAuthAdmin, GlobalAdmin]),
        ("Groups Admin", GroupsAdministrator, [UserAdmin, PrivilegedAuthAdmin, GlobalAdmin]),
        ("Guest Inviter", GuestInviter, [AuthAdmin, UserAdmin, PrivilegedAuthAdmin, GlobalAdmin]),
        ("Helpdesk Admin", HelpdeskAdministrator, [UserAdmin, PrivilegedAuthAdmin, GlobalAdmin]),
        ("Message Center Reader", MessageCenterReader, [AuthAdmin, UserAdmin, PrivilegedAuthAdmin, GlobalAdmin]),
        ("Password Admin", PasswordAdministrator, [AuthAdmin, UserAdmin, PrivilegedAuthAdmin, GlobalAdmin]),
        ("Privileged Auth Admin", PrivilegedAuthenticationAdministrator, [PrivilegedAuthAdmin, GlobalAdmin]),
        ("Privileged Role Admin", PrivilegedRoleAdministrator, [PrivilegedAuthAdmin, GlobalAdmin]),
        ("Reports Reader", ReportsReader, [AuthAdmin, UserAdmin, PrivilegedAuthAdmin, GlobalAdmin]),
        ("User (no admin role)", null, [AuthAdmin, UserAdmin, PrivilegedAuthAdmin, GlobalAdmin]),
        ("User (no admin role, but member or owner of a role-assignable group)", null, [PrivilegedAuthAdmin, GlobalAdmin]),
        ("User with a role scoped to a restricted management administrative unit", null, [PrivilegedAuthAdmin, GlobalAdmin]),
        ("User Admin", UserAdministrator, [UserAdmin, PrivilegedAuthAdmin, GlobalAdmin]),
        ("User Experience Success Manager", UserExperienceSuccessManager, [AuthAdmin, UserAdmin, PrivilegedAuthAdmin, GlobalAdmin]),
        ("Usage Summary Reports Reader", UsageSummaryReportsReader, [AuthAdmin, UserAdmin, PrivilegedAuthAdmin, GlobalAdmin]),
        ("All other built-in and custom roles", null, [PrivilegedAuthAdmin, GlobalAdmin]),
    ];

    // A column marked in every row, "All other built-in and custom roles" included, acts on anyone.
    private static readonly FrozenSet<string> Anyone = ColumnRoles
        .Where(column => Table.All(row => row.MarkedColumns.Contains(column.Key, StringComparer.Ordinal)))
        .Select(column => column.Value)
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // For every other column, the roles of the rows marked in it.
    private static readonly FrozenDictionary<string, FrozenSet<string>> ActsOn = ColumnRoles
        .Where(column => !Anyone.Contains(column.Value))
        .ToFrozenDictionary(
            column => column.Value,
            column => Table.Where(row => row.Role is not null && row.MarkedColumns.Contains(column.Key, StringComparer.Ordinal)).Select(row => row.Role!).ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            StringComparer.OrdinalIgnoreCase);

    /// <summary>The page's rows, by name, for documentation and tests.</summary>
    public static ImmutableArray<string> RowNames { get; } = [.. Table.Select(row => row.Row)];

    /// <summary>Whether the action performs one of the sensitive actions the table limits.</summary>
    public static bool IsTiered(string action) => SensitiveActions.ContainsKey(action);

    /// <summary>The sensitive action's name in Microsoft's table ("Disable or enable users"); null when the action is not one.</summary>
    public static string? SensitiveActionName(string action) => SensitiveActions.GetValueOrDefault(action);

    /// <summary>Whether the role may perform sensitive actions on anyone, administrators included (Privileged Authentication Administrator, Global Administrator).</summary>
    public static bool ActsOnAnyone(string templateId) => Anyone.Contains(templateId);

    /// <summary>The roles a holder of the role may still perform sensitive actions on; null when the table has no column for the role.</summary>
    public static FrozenSet<string>? ActsOnRoles(string templateId) => ActsOn.GetValueOrDefault(templateId);
}
