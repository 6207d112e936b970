using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// A group (an item of <c>GET /groups</c>) with its relations as far as they were exported: a null relation was not
/// exported (unknown), an empty one was exported and is empty.
/// </summary>
public sealed record EntraGroup
{
    public required string Id { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>Whether Entra roles can be assigned to the group (only Global and Privileged Role Administrators manage its members then).</summary>
    public bool IsAssignableToRole { get; init; }

    /// <summary>As exported: <c>Unified</c> (Microsoft 365 group), <c>DynamicMembership</c>.</summary>
    public ImmutableArray<string> GroupTypes { get; init; } = [];

    public string? MembershipRule { get; init; }

    /// <summary>Whether Entra ID processes <see cref="MembershipRule"/>: <c>On</c> or <c>Paused</c> (null: not exported).</summary>
    public string? MembershipRuleProcessingState { get; init; }

    public bool? SecurityEnabled { get; init; }

    public bool? MailEnabled { get; init; }

    public bool? OnPremisesSyncEnabled { get; init; }

    /// <summary>Direct members (<c>GET /groups/{id}/members</c>); null when not exported.</summary>
    public ImmutableArray<DirectoryObjectReference>? Members { get; init; }

    /// <summary>Direct and nested members (<c>GET /groups/{id}/transitiveMembers</c>); null when not exported.</summary>
    public ImmutableArray<DirectoryObjectReference>? TransitiveMembers { get; init; }

    /// <summary>Owners (<c>GET /groups/{id}/owners</c>); null when not exported.</summary>
    public ImmutableArray<DirectoryObjectReference>? Owners { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>Members follow <see cref="MembershipRule"/>: nobody adds or removes them by hand.</summary>
    public bool IsDynamic => GroupTypes.Contains("DynamicMembership", StringComparer.OrdinalIgnoreCase);

    /// <summary>A Microsoft 365 group.</summary>
    public bool IsUnified => GroupTypes.Contains("Unified", StringComparer.OrdinalIgnoreCase);
}
