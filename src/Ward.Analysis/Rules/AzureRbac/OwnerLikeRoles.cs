using System.Collections.Immutable;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Edges.Checkers;

namespace Ward.Analysis.Rules.AzureRbac;

/// <summary>
/// The Azure role assignments that make their holder an owner of a scope, decided as the escalation graph decides them
/// (<c>azure-assign-role</c>, <c>azure-rewrite-custom-role</c>): Owner; any role that may write role assignments (User
/// Access Administrator, Role Based Access Control Administrator, a custom role) unless the conditions on its
/// permission block and on the assignment certainly refuse every role that leads to Owner; a custom role that may write
/// role definitions, held at or above every scope it is assignable at, since its holder rewrites it to <c>*</c>.
/// </summary>
internal static class OwnerLikeRoles
{
    public const string Owner = Ward.Microsoft.Edges.MicrosoftEdgeContext.OwnerRoleId;
    public const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
    public const string RoleBasedAccessControlAdministrator = "f58310d9-a9f6-439a-9e8d-f62e7b41a168";
    public const string AssignRoles = "Microsoft.Authorization/roleAssignments/write";

    /// <summary>Whether a role definition id (or GUID) is Owner's.</summary>
    public static bool IsOwner(string roleDefinitionId) => string.Equals(RoleDefinition.GuidOf(roleDefinitionId), Owner, StringComparison.OrdinalIgnoreCase);
    public const string WriteRoles = "Microsoft.Authorization/roleDefinitions/write";

    // The built-in role assignment writers' actions, for an export that left their definitions out.
    private static readonly ImmutableArray<PermissionBlock> UserAccessAdministratorBlocks = [new() { Actions = ["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"] }];
    private static readonly ImmutableArray<PermissionBlock> RoleBasedAccessControlAdministratorBlocks = [new() { Actions = [AssignRoles, "Microsoft.Authorization/roleAssignments/delete", "*/read", "Microsoft.Support/*"] }];

    /// <summary>Whether an assignment of the role (by id or GUID) at the scope with this condition makes its holder owner-like.</summary>
    public static bool Grants(AzureEstate azure, string roleDefinitionId, string? condition, AzureScope scope) => Power(azure, roleDefinitionId, condition, scope) is not null;

    /// <summary>
    /// What an assignment of the role with this condition lets its holder do, for explanations; null when it is not
    /// owner-like. A condition on Owner can only constrain which roles it assigns: it still manages every resource. A
    /// condition on a role assignment writer takes the power away only when it certainly refuses Owner and every other
    /// role that may itself assign roles (Microsoft: a delegate who may assign Owner or User Access Administrator lets
    /// another assign any role), and, for a role that may also write role definitions, a custom role it would create;
    /// one on something else (the kind of principal assigned) leaves the power. A custom role that may write role
    /// definitions is rewritten only by a holder with the write on every scope it is assignable at (Microsoft: "on all
    /// the AssignableScopes of the custom role"): one held at or above all of them, under a condition that does not
    /// refuse the write.
    /// </summary>
    public static string? Power(AzureEstate azure, string roleDefinitionId, string? condition, AzureScope scope) =>
        Power(azure, roleDefinitionId, condition, scope, new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// <see cref="Power(AzureEstate, string, string?, AzureScope)"/>, with whether each role already decided (or being
    /// decided, so far false) leads to Owner.
    /// </summary>
    private static string? Power(AzureEstate azure, string roleDefinitionId, string? condition, AzureScope scope, Dictionary<string, bool> leading)
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
        // An assignment condition constrains only the actions it names: decided for the role definition write itself.
        var writesDefinitions = blocks.Any(b => Allows(b, WriteRoles)) && (condition is null || RoleAssignmentConditions.MayAllow(condition, WriteRoles));
        var rewritesItself = writesDefinitions && role is { RoleType: RoleType.CustomRole } && MayRewrite(azure, role, scope);
        if (assigning.Count == 0 && !rewritesItself)
        {
            return null;
        }

        // Every role that leads to Owner, Owner first: the roles that may assign roles, and one it would create.
        var newRole = NewCustomRole.GuidIn(azure);
        List<string> targets = condition is null && assigning.TrueForAll(b => b.Condition is null)
            ? [Owner]
            : [.. RolesLeadingToOwner(azure, scope, leading), .. writesDefinitions ? [newRole] : Array.Empty<string>()];
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
                    _ when target == newRole => $"it may create a custom role granting `*` (`{WriteRoles}`), which its condition cannot name, and assign it {(scope.Kind == AzureScopeKind.Root ? "at the tenant root management group (a custom role cannot be assignable at `/`), which holds every subscription," : "there")} to anyone (itself too): Owner under another name",
                    _ => $"its condition lets it assign {NameOf(azure, target)} there, to anyone (itself too), and that role may assign Owner",
                };
            }
        }

        // Whoever may rewrite the custom role it holds rewrites it to `*`, role assignment writes included; the
        // assignment's condition still decides which roles it then assigns.
        return rewritesItself && (condition is null || targets.Exists(t => RoleAssignmentConditions.MayAssign(condition, t)))
            ? $"it may rewrite the role's actions to `*` (`{WriteRoles}`), and then assign any role there, Owner included, to anyone (itself too)"
            : null;
    }

    /// <summary>
    /// Whether a permission block grants the action: an action pattern matches it, none of the block's own notActions
    /// does, and the block's condition (rare; some built-in roles have one) does not certainly refuse it. For role
    /// assignment writes, whether it refuses the roles that lead to Owner is <see cref="Power(AzureEstate, string, string?, AzureScope)"/>'s to decide.
    /// </summary>
    public static bool Allows(PermissionBlock block, string action) =>
        ActionPattern.FirstMatch(block.Actions, action) is not null
        && ActionPattern.FirstMatch(block.NotActions, action) is null
        && (block.Condition is null || RoleAssignmentConditions.MayAllow(block.Condition, action));

    /// <summary>
    /// Owner, then every other role that may itself assign roles or rewrite itself (its holder then assigns Owner), as
    /// the escalation graph tries them: the built-in writers whether or not exported, and every exported one that,
    /// assigned at the scope without a condition, is itself owner-like. One whose own permission block's condition
    /// lets it assign only roles that do not lead to Owner (Key Vault Data Access Administrator) does not count. Each
    /// role is decided once; one being decided does not count while it is (it cannot lead to Owner through itself).
    /// </summary>
    private static IEnumerable<string> RolesLeadingToOwner(AzureEstate azure, AzureScope scope, Dictionary<string, bool> leading) =>
        new[] { Owner, UserAccessAdministrator, RoleBasedAccessControlAdministrator }
            .Concat(azure.RoleDefinitions
                .Where(d => d.Permissions.Any(b => Allows(b, AssignRoles) || (d.RoleType == RoleType.CustomRole && Allows(b, WriteRoles))))
                .Select(d => d.Name.ToLowerInvariant())
                .Where(guid => guid is Owner or UserAccessAdministrator or RoleBasedAccessControlAdministrator || LeadsToOwner(azure, guid, scope, leading)))
            .Distinct(StringComparer.Ordinal);

    /// <summary>Whether the role, assigned at the scope without a condition, is itself owner-like.</summary>
    private static bool LeadsToOwner(AzureEstate azure, string guid, AzureScope scope, Dictionary<string, bool> leading)
    {
        if (leading.TryGetValue(guid, out var decided))
        {
            return decided;
        }

        leading[guid] = false;
        return leading[guid] = Power(azure, guid, null, scope, leading) is not null;
    }

    /// <summary>
    /// Whether a holder of the custom role at the scope has the role definition write it grants on every scope the role
    /// is assignable at, as updating the role takes (Microsoft: "on all the AssignableScopes of the custom role"): each
    /// of them is at or below the scope.
    /// </summary>
    public static bool MayRewrite(AzureEstate azure, RoleDefinition role, AzureScope heldAt) =>
        RewriteCustomRoleEdgeChecker.DefinitionScopes(role, heldAt).All(s => azure.Hierarchy.Reach(heldAt, s) != ScopeReach.No);

    private static string NameOf(AzureEstate azure, string guid) => azure.FindRoleDefinition(guid)?.RoleName is { } name
        ? $"`{name}`"
        : guid switch
        {
            UserAccessAdministrator => "`User Access Administrator`",
            RoleBasedAccessControlAdministrator => "`Role Based Access Control Administrator`",
            _ => $"role `{guid}`",
        };
}
