using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Azure.Rbac;

/// <summary>An Azure role definition (built-in or custom).</summary>
public sealed record RoleDefinition
{
    /// <summary>The id as exported, e.g. <c>/subscriptions/{id}/providers/Microsoft.Authorization/roleDefinitions/{guid}</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The role's GUID (<c>name</c>), the same in every subscription.</summary>
    public required string Name { get; init; }

    /// <summary>The display name, e.g. <c>Contributor</c>.</summary>
    public required string RoleName { get; init; }

    public required RoleType RoleType { get; init; }

    public string? Description { get; init; }

    public ImmutableArray<string> AssignableScopes { get; init; } = [];

    public required ImmutableArray<PermissionBlock> Permissions { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>The GUID at the end of a role definition id (or the id itself when it is a bare GUID).</summary>
    public static string GuidOf(string roleDefinitionId)
    {
        var trimmed = roleDefinitionId.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return (slash < 0 ? trimmed : trimmed[(slash + 1)..]).ToLowerInvariant();
    }
}
