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

    /// <summary>The directory roles and the Azure roles of a principal (its groups looked up once for both), each sorted.</summary>
    public static (ImmutableArray<string> Directory, ImmutableArray<string> Azure) Roles(MicrosoftAnalysisContext context, string principalId)
    {
        // What a group holds reads the same for each of its members ("... through group `G`"): worked out once per
        // group, as rules ask for tens of thousands of members; a member's lists merge its own with its groups'.
        var (directory, azure) = HeldBy(context, principalId, how: string.Empty);
        List<ImmutableArray<string>>? directoryParts = directory.IsEmpty ? null : [directory];
        List<ImmutableArray<string>>? azureParts = azure.IsEmpty ? null : [azure];
        foreach (var group in context.Directory.TransitiveGroupsOf(principalId))
        {
            var (groupDirectory, groupAzure) = context.GroupRoleTexts.GetOrAdd(group, static (group, context) => HeldBy(context, group, $" through group `{context.NameOf(group) ?? group}`"), context);
            if (!groupDirectory.IsEmpty)
            {
                (directoryParts ??= []).Add(groupDirectory);
            }

            if (!groupAzure.IsEmpty)
            {
                (azureParts ??= []).Add(groupAzure);
            }
        }

        return (Merged(directoryParts), Merged(azureParts));
    }

    /// <summary>Sorted lists merged into one, sorted and without repeats (an ordinal sort puts equal texts side by side).</summary>
    private static ImmutableArray<string> Merged(List<ImmutableArray<string>>? parts)
    {
        if (parts is null)
        {
            return [];
        }

        if (parts.Count == 1)
        {
            return parts[0];
        }

        var all = new List<string>(parts.Sum(p => p.Length));
        foreach (var part in parts)
        {
            all.AddRange(part);
        }

        all.Sort(StringComparer.Ordinal);
        var merged = ImmutableArray.CreateBuilder<string>(all.Count);
        foreach (var text in all)
        {
            if (merged.Count == 0 || !string.Equals(merged[^1], text, StringComparison.Ordinal))
            {
                merged.Add(text);
            }
        }

        return merged.ToImmutable();
    }

    /// <summary>
    /// The directory and Azure roles assigned to one holder (the principal, or one of its groups), each ending with how
    /// the principal holds it, sorted and without repeats.
    /// </summary>
    private static (ImmutableArray<string> Directory, ImmutableArray<string> Azure) HeldBy(MicrosoftAnalysisContext context, string holder, string how)
    {
        var directory = context.Directory;
        var directoryRoles = context.DirectoryRoleAssignmentsOf(holder)
            .Where(a => a.EndDateTime is not { } end || end > context.ReferenceTime)
            .Select(a =>
            {
                var role = directory.FindRoleDefinition(a.RoleDefinitionId)?.DisplayName ?? a.RoleDefinitionId;
                var scope = a.DirectoryScope.Kind == DirectoryScopeKind.Tenant ? string.Empty : $" at `{a.DirectoryScope.Text}`";
                return $"{role}{scope}{(a.State == AssignmentState.Eligible ? " (PIM-eligible)" : string.Empty)}{how}";
            });

        // Most principals hold no Azure role: nothing is built for them.
        var azure = context.Azure;
        List<string>? azureRoles = null;
        foreach (var a in context.AzureRoleAssignmentsOf(holder))
        {
            (azureRoles ??= []).Add($"{RoleName(context, a.RoleDefinitionId, a.RoleDefinitionName)} of {AzureScopeNames.Describe(azure, a.Scope)}{how}");
        }

        foreach (var e in context.AzureEligibleAssignmentsOf(holder).Where(e => e.IsInForceAt(context.ReferenceTime)))
        {
            (azureRoles ??= []).Add($"{RoleName(context, e.RoleDefinitionId, null)} of {AzureScopeNames.Describe(azure, e.Scope)} (PIM-eligible){how}");
        }

        return (Sorted(directoryRoles), azureRoles is null ? [] : Sorted(azureRoles));

        static ImmutableArray<string> Sorted(IEnumerable<string> roles) => [.. roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
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

    /// <summary>
    /// A sentence naming the members of a group that holds something, led by <paramref name="lead"/> ("Its members hold
    /// the same"); empty when the principal is no group.
    /// </summary>
    public static string GroupMembers(MicrosoftAnalysisContext context, string principalId, string lead)
    {
        if (context.Directory.FindGroup(principalId) is not { } group)
        {
            return string.Empty;
        }

        var members = context.Edges.Membership.MembersOf(group.Id).Select(m => $"`{context.NameOf(m) ?? m}`").Order(StringComparer.Ordinal).ToList();
        return members.Count == 0 ? "The group has no members in the export. " : $"{lead}: {string.Join(", ", members)}. ";
    }

    public static string RoleName(MicrosoftAnalysisContext context, string roleDefinitionId, string? exportedName) =>
        context.Azure.FindRoleDefinition(roleDefinitionId)?.RoleName ?? exportedName ?? roleDefinitionId;
}
