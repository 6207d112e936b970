using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>An administrative unit (an item of <c>GET /directory/administrativeUnits</c>), a scope for role assignments.</summary>
public sealed record AdministrativeUnit
{
    public required string Id { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>
    /// A restricted management administrative unit: only roles scoped to it (not tenant-wide ones) manage its members.
    /// </summary>
    public bool IsMemberManagementRestricted { get; init; }

    /// <summary><c>Dynamic</c> or <c>Assigned</c> (null: not exported, which means assigned).</summary>
    public string? MembershipType { get; init; }

    public string? MembershipRule { get; init; }

    /// <summary>Members (<c>GET /directory/administrativeUnits/{id}/members</c>); null when not exported.</summary>
    public ImmutableArray<DirectoryObjectReference>? Members { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
