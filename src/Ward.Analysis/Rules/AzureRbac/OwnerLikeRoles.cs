using System.Collections.Immutable;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Analysis.Rules.AzureRbac;

/// <summary>
/// The Azure role assignments that make their holder an owner of a scope, decided as the escalation graph decides them
/// (<c>azure-assign-role</c>, <c>azure-rewrite-custom-role</c>): Owner; any role that may write role assignments (User
/// Access Administrator, Role Based Access Control Administrator, a custom role) unless the conditions on its
/// permission block and on the assignment certainly refuse every role that leads to Owner; a custom role that may write
/// role definitions, since its holder rewrites it to <c>*</c>.
/// </summary>
internal static class OwnerLikeRoles
{
    public const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    public const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
    public const string RoleBasedAccessControlAdministrator = "f58310d9-a9f6-439a-9e8d-f62e7b41a168";
    public const string AssignRoles = "Microsoft.Authorization/roleAssignments/write";
    public const string WriteRoles = "Microsoft.Authorization/roleDefinitions/write";

    /// <summary>A custom role its holder would create: no condition written before it can name its GUID.</summary>
    private const string NewCustomRole = "00000000-0000-0000-0000-000000000000";

    // The built-in role assignment writers' actions, for an export that left their definitions out.
    private static readonly ImmutableArray<PermissionBlock> UserAccessAdministratorBlocks = [new() { Actions = ["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"] }];
    private static readonly ImmutableArray<PermissionBlock> RoleBasedAccessControlAdministratorBlocks = [new() { Actions = [AssignRoles, "Microsoft.Authorization/roleAssignments/delete", "*/read", "Microsoft.Support/*"] }];

    /// <summary>Whether an assignment of the role (by id or GUID) with this condition makes its holder owner-like.</summary>
    public static bool Grants(AzureEstate azure, string roleDefinitionId, string? condition) => Power(azure, roleDefinitionId, condition) is not null;

    /// <summary>
    /// What an assignment of the role with this condition lets its holder do, for explanations; null when it is not
    /// owner-like. A condition on Owner can only constrain which roles it assigns: it still manages every resource. A
    /// condition on a role assignment writer takes the power away only when it certainly refuses Owner and every other
    /// role that may itself assign roles (Microsoft: a delegate who may assign Owner or User Access Administrator lets
    /// another assign any role), and, for a role that may also write role definitions, a custom role it would create;
    /// one on something else (the kind of principal assigned) leaves the power.
    /// </summary>
    public static string? Power(AzureEstate azure, string roleDefinitionId, string? condition)
    {
        var guid = RoleDefinition.GuidOf(roleDefinitionId);
        if (guid == Owner)
        {
            return "full control of every resource there, and it may assign any role there to anyone";
        }

        var role = azure.FindRoleDefinition(roleDefinitionId);
        var blocks = role?.Permissions ?? guid switch
        {
            UserAccessAdministrator => UserAccessAdministratorBlocks,
            RoleBasedAccessControlAdministrator => RoleBasedAccessControlAdministratorBlocks,
            _ => [],
        };
        var assigning = blocks.Where(b => Allows(b, AssignRoles)).ToList();
        var writesDefinitions = blocks.Any(b => Allows(b, WriteRoles));
        var rewritesItself = writesDefinitions && role?.RoleType == RoleType.CustomRole;
        if (assigning.Count == 0 && !rewritesItself)
        {
            return null;
        }

        // Every role that leads to Owner, Owner first: the roles that may assign roles, and one it would create.
        List<string> targets = condition is null && assigning.TrueForAll(b => b.Condition is null)
            ? [Owner]
            : RolesLeadingToOwner(azure).Concat(writesDefinitions ? [NewCustomRole] : []).ToList();
        foreach (var target in targets)
        {
            if (condition is not null && !RoleAssignmentConditions.MayAssign(condition, target))
            {
                continue;
            }

            if (assigning.Exists(b => b.Condition is null || RoleAssignmentConditions.MayAssign(b.Condition, target)))
            {
                return target switch
                {
                    Owner when condition is null => "it may assign any role there, Owner included, to anyone (itself too)",
                    Owner => "it may assign any role there, Owner included, to anyone (itself too): its condition does not refuse Owner",
                    NewCustomRole => $"it may create a custom role granting `*` (`{WriteRoles}`), which its condition cannot name, and assign it there to anyone (itself too): Owner under another name",
                    _ => $"its condition lets it assign {NameOf(azure, target)} there, to anyone (itself too), and that role may assign Owner",
                };
            }
        }

        // Whoever may rewrite the custom role it holds rewrites it to `*`, role assignment writes included.
        return rewritesItself && (condition is null || targets.Exists(t => RoleAssignmentConditions.MayAssign(condition, t)))
            ? $"it may rewrite the role's actions to `*` (`{WriteRoles}`), and then assign any role there, Owner included, to anyone (itself too)"
            : null;
    }

    /// <summary>
    /// Whether a permission block grants the action: an action pattern matches it, none of the block's own notActions
    /// does, and the block's condition (rare; some built-in roles have one) does not certainly refuse it. For role
    /// assignment writes, whether it refuses the roles that lead to Owner is <see cref="Power"/>'s to decide.
    /// </summary>
    public static bool Allows(PermissionBlock block, string action) =>
        ActionPattern.FirstMatch(block.Actions, action) is not null
        && ActionPattern.FirstMatch(block.NotActions, action) is null
        && (block.Condition is null || RoleAssignmentConditions.MayAllow(block.Condition, action));

    /// <summary>
    /// Owner, then every other role that may itself assign roles or rewrite itself (its holder then assigns Owner), as
    /// the escalation graph tries them: the built-in writers whether or not exported, and every exported one.
    /// </summary>
    private static IEnumerable<string> RolesLeadingToOwner(AzureEstate azure) =>
        new[] { Owner, UserAccessAdministrator, RoleBasedAccessControlAdministrator }
            .Concat(azure.RoleDefinitions
                .Where(d => d.Permissions.Any(b => Allows(b, AssignRoles) || (d.RoleType == RoleType.CustomRole && Allows(b, WriteRoles))))
                .Select(d => d.Name.ToLowerInvariant()))
            .Distinct(StringComparer.Ordinal);

    private static string NameOf(AzureEstate azure, string guid) => azure.FindRoleDefinition(guid)?.RoleName is { } name
        ? $"`{name}`"
        : guid switch
        {
            UserAccessAdministrator => "`User Access Administrator`",
            RoleBasedAccessControlAdministrator => "`Role Based Access Control Administrator`",
            _ => $"role `{guid}`",
        };
}
