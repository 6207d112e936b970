using System.Runtime.CompilerServices;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.Evaluation;

/// <summary>
/// A client application's "assignment required" setting (<c>appRoleAssignmentRequired</c>): "Specifies whether users
/// or other service principals need to be granted an app role assignment for this service principal before users can
/// sign in or apps can get tokens" (Microsoft Graph, servicePrincipal resource type,
/// https://learn.microsoft.com/graph/api/resources/serviceprincipal). When it is set, a user with no app role assignment
/// to the client signs in to it under no delegated grant, whatever the grant's consent type.
/// </summary>
/// <remarks>
/// An assignment counts when it names the user or a group the user is a member of, and is not deleted. Any app role
/// of the client counts, the default access role (<c>00000000-0000-0000-0000-000000000000</c>) included. Microsoft
/// documents that group-based assignment "doesn't cascade to nested groups" ("Manage users and groups assignment to
/// an application"); Ward still counts a member of a nested group as assigned, so as not to deny access that exists
/// if that changes, and says so in the answer (<see cref="NestedOnlyNote"/>).
/// </remarks>
public static class AssignmentRequirement
{
    /// <summary>Why the user cannot sign in to the client for lack of an assignment; null when the client does not require one, the user holds one, or the export does not say.</summary>
    public static string? Refusal(EntraDirectory directory, EntraServicePrincipal client, string userId)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(userId);
        // A client that requires assignment with none in the export: its assignments were not exported (no one could
        // sign in otherwise), so no one is refused on that account (NotExportedNote says so).
        if (client.AppRoleAssignmentRequired != true || !AssignedTo(directory).Contains(client.Id) || IsAssigned(directory, client, userId))
        {
            return null;
        }

        var user = directory.FindUser(userId)?.UserPrincipalName ?? $"user `{userId}`";
        return $"{client.DisplayName ?? client.Id} requires an app role assignment before users sign in to it (`appRoleAssignmentRequired` true), and no app role assignment to it names {user} or a group {user} is a member of";
    }

    /// <summary>Whether an app role assignment to the client names the user, or a group the user is a member of.</summary>
    public static bool IsAssigned(EntraDirectory directory, EntraServicePrincipal client, string userId)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(client);
        var assigned = AssignedTo(directory)[client.Id].ToHashSet(StringComparer.OrdinalIgnoreCase);
        return assigned.Count > 0 && (assigned.Contains(userId) || directory.TransitiveGroupsOf(userId).Any(assigned.Contains));
    }

    /// <summary>The principals of the live app role assignments to each service principal, by its id; indexed once per directory (asked for every user of every grant).</summary>
    private static ILookup<string, string> AssignedTo(EntraDirectory directory) =>
        Assignments.GetValue(directory, d => d.AppRoleAssignments.Where(a => a.DeletedDateTime is null).ToLookup(a => a.ResourceId, a => a.PrincipalId, StringComparer.OrdinalIgnoreCase));

    private static readonly ConditionalWeakTable<EntraDirectory, ILookup<string, string>> Assignments = new();

    /// <summary>
    /// What an answer says when the user is assigned to a client that requires assignment only through a group it is
    /// a member of by nesting (not a direct member of any assigned group); null otherwise, and when the assigned
    /// groups' direct members were not exported.
    /// </summary>
    public static string? NestedOnlyNote(EntraDirectory directory, EntraServicePrincipal client, string userId)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(client);
        if (client.AppRoleAssignmentRequired != true)
        {
            return null;
        }

        var assigned = AssignedTo(directory)[client.Id].ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (assigned.Contains(userId))
        {
            return null;
        }

        var groups = directory.TransitiveGroupsOf(userId).Where(assigned.Contains).ToList();
        if (groups.Count == 0
            || groups.Exists(g => directory.FindGroup(g)?.Members is not { } members || members.Any(m => string.Equals(m.Id, userId, StringComparison.OrdinalIgnoreCase))))
        {
            return null;
        }

        var user = directory.FindUser(userId)?.UserPrincipalName ?? $"user `{userId}`";
        return $"{user} is assigned to {client.DisplayName ?? client.Id} only as a member of a group nested in `{directory.FindGroup(groups[0])?.DisplayName ?? groups[0]}`, and Microsoft documents that group-based assignment does not cascade to nested groups: the sign-in may be refused";
    }

    /// <summary>What an answer says when the export does not hold the setting (older exports); null when it does.</summary>
    public static string? NotExportedNote(EntraDirectory directory, EntraServicePrincipal client)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(client);
        return client.AppRoleAssignmentRequired switch
        {
            null => $"whether {client.DisplayName ?? client.Id} requires users to be assigned to it (`appRoleAssignmentRequired`) was not exported, so any user the grant covers is counted",
            true when !AssignedTo(directory).Contains(client.Id) => $"{client.DisplayName ?? client.Id} requires users to be assigned to it, but no app role assignment to it is in the export (its `appRoleAssignedTo` was not exported), so any user the grant covers is counted",
            _ => null,
        };
    }
}
