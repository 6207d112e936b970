using System.Collections.Immutable;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules;

/// <summary>
/// What an Entra ID principal holds, worded for explanations: directory roles and Azure roles (held directly or
/// through a group it is a member of; active, or PIM-eligible and in force at the reference time), and application
/// permissions (app roles granted to a service principal).
/// </summary>
internal static class MicrosoftGrants
{
    private const string DefaultAccess = "00000000-0000-0000-0000-000000000000";

    /// <summary>The directory roles and the Azure roles of a principal (its groups looked up once for both).</summary>
    public static (ImmutableArray<string> Directory, ImmutableArray<string> Azure) Roles(MicrosoftAnalysisContext context, string principalId)
    {
        var holders = Holders(context, principalId);
        return (DirectoryRoles(context, principalId, holders), AzureRoles(context, principalId, holders));
    }

    private static ImmutableArray<string> DirectoryRoles(MicrosoftAnalysisContext context, string principalId, ImmutableArray<string> holders)
    {
        var directory = context.Directory;
        return [.. holders.SelectMany(context.DirectoryRoleAssignmentsOf)
            .Where(a => a.EndDateTime is not { } end || end > context.ReferenceTime)
            .Select(a =>
            {
                var role = directory.FindRoleDefinition(a.RoleDefinitionId)?.DisplayName ?? a.RoleDefinitionId;
                var scope = a.DirectoryScope.Kind == DirectoryScopeKind.Tenant ? string.Empty : $" at `{a.DirectoryScope.Text}`";
                return $"{role}{scope}{(a.State == AssignmentState.Eligible ? " (PIM-eligible)" : string.Empty)}{How(context, principalId, a.PrincipalId)}";
            })
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    private static ImmutableArray<string> AzureRoles(MicrosoftAnalysisContext context, string principalId, ImmutableArray<string> holders)
    {
        // Most principals hold no Azure role: nothing is built for them.
        var azure = context.Azure;
        List<string>? roles = null;
        foreach (var holder in holders)
        {
            foreach (var a in context.AzureRoleAssignmentsOf(holder))
            {
                (roles ??= []).Add($"{RoleName(context, a.RoleDefinitionId, a.RoleDefinitionName)} of {AzureScopeNames.Describe(azure, a.Scope)}{How(context, principalId, holder)}");
            }

            foreach (var e in context.AzureEligibleAssignmentsOf(holder).Where(e => e.IsInForceAt(context.ReferenceTime)))
            {
                (roles ??= []).Add($"{RoleName(context, e.RoleDefinitionId, null)} of {AzureScopeNames.Describe(azure, e.Scope)} (PIM-eligible){How(context, principalId, holder)}");
            }
        }

        return roles is null ? [] : [.. roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The app roles granted to a service principal: <c>`Mail.Read` of `Microsoft Graph`</c>.</summary>
    public static ImmutableArray<string> ApplicationPermissions(MicrosoftAnalysisContext context, string servicePrincipalId)
    {
        var directory = context.Directory;
        return [.. context.AppRoleAssignmentsOf(servicePrincipalId)
            .Select(a =>
            {
                var resource = directory.FindServicePrincipal(a.ResourceId);
                var resourceName = resource?.DisplayName ?? a.ResourceDisplayName ?? a.ResourceId;
                if (string.Equals(a.AppRoleId, DefaultAccess, StringComparison.Ordinal))
                {
                    return $"default access to `{resourceName}`";
                }

                var permission = resource?.AppRoles.FirstOrDefault(r => string.Equals(r.Id, a.AppRoleId, StringComparison.OrdinalIgnoreCase))?.Value ?? a.AppRoleId;
                return $"`{permission}` of `{resourceName}`";
            })
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    public static string RoleName(MicrosoftAnalysisContext context, string roleDefinitionId, string? exportedName) =>
        context.Azure.FindRoleDefinition(roleDefinitionId)?.RoleName ?? exportedName ?? roleDefinitionId;

    /// <summary>The principal, then the groups it is a member of (what is assigned to any of them, it holds).</summary>
    private static ImmutableArray<string> Holders(MicrosoftAnalysisContext context, string principalId) =>
        [principalId, .. context.Directory.TransitiveGroupsOf(principalId)];

    /// <summary>How the principal holds what is assigned to a holder: nothing to say for itself, else through which group (named only when something is assigned to it).</summary>
    private static string How(MicrosoftAnalysisContext context, string principalId, string holder) =>
        string.Equals(holder, principalId, StringComparison.OrdinalIgnoreCase) ? string.Empty : $" through group `{context.NameOf(holder) ?? holder}`";
}
