using Ward.Microsoft.Azure.Evaluation;

namespace Ward.Analysis.Rules.AzureRbac;

/// <summary>
/// The built-in Azure roles that make their holder an owner of a scope: Owner; User Access Administrator and Role
/// Based Access Control Administrator (each may assign any role there, Owner included) unless a condition
/// constrains which roles they may assign, Microsoft's recommended way of delegating them.
/// </summary>
internal static class OwnerLikeRoles
{
    public const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    public const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
    public const string RoleBasedAccessControlAdministrator = "f58310d9-a9f6-439a-9e8d-f62e7b41a168";

    /// <summary>
    /// Whether an assignment of the role (by GUID) with this condition makes its holder owner-like. A condition on
    /// Owner can only constrain which roles it assigns: it still manages every resource. A condition on the others
    /// takes it away only when it certainly refuses assigning Owner (as the portal's "all roles except privileged
    /// administrator roles" does); one on something else (the kind of principal assigned) leaves the power.
    /// </summary>
    public static bool Grants(string roleDefinitionGuid, string? condition) => roleDefinitionGuid switch
    {
        Owner => true,
        UserAccessAdministrator or RoleBasedAccessControlAdministrator => condition is null || RoleAssignmentConditions.MayAssign(condition, Owner),
        _ => false,
    };

    /// <summary>What holding the role at a scope means, for explanations.</summary>
    public static string Meaning(string roleDefinitionGuid) => roleDefinitionGuid == Owner
        ? "full control of every resource there, and it may assign any role there to anyone"
        : "it may assign any role there, Owner included, to anyone (itself too)";
}
