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
/// An assignment counts when it names the user or a group the user is a member of, transitively as Ward reads group
/// membership elsewhere, and is not deleted. Any app role of the client counts, the default access role
/// (<c>00000000-0000-0000-0000-000000000000</c>) included.
/// </remarks>
public static class AssignmentRequirement
{
    /// <summary>Why the user cannot sign in to the client for lack of an assignment; null when the client does not require one, the user holds one, or the export does not say.</summary>
    public static string? Refusal(EntraDirectory directory, EntraServicePrincipal client, string userId)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(userId);
        if (client.AppRoleAssignmentRequired != true || IsAssigned(directory, client, userId))
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
        var holders = directory.TransitiveGroupsOf(userId).Prepend(userId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return directory.AppRoleAssignments.Any(a => a.DeletedDateTime is null
            && string.Equals(a.ResourceId, client.Id, StringComparison.OrdinalIgnoreCase)
            && holders.Contains(a.PrincipalId));
    }

    /// <summary>What an answer says when the export does not hold the setting (older exports); null when it does.</summary>
    public static string? NotExportedNote(EntraServicePrincipal client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.AppRoleAssignmentRequired is null
            ? $"whether {client.DisplayName ?? client.Id} requires users to be assigned to it (`appRoleAssignmentRequired`) was not exported, so any user the grant covers is counted"
            : null;
    }
}
