using System.Collections.Immutable;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// A policy's <c>includeGuestsOrExternalUsers</c> or <c>excludeGuestsOrExternalUsers</c>: the kinds of guests and
/// external users (<c>internalGuest</c>, <c>b2bCollaborationGuest</c>, <c>b2bCollaborationMember</c>,
/// <c>b2bDirectConnectUser</c>, <c>otherExternalUser</c>, <c>serviceProvider</c>) and their home tenants.
/// </summary>
public sealed record ConditionalAccessExternalUsers
{
    public ImmutableArray<string> Types { get; init; } = [];

    /// <summary>True for every home tenant (<c>externalTenants.membershipKind</c> <c>all</c>); false when the tenants are enumerated.</summary>
    public bool AllTenants { get; init; } = true;

    /// <summary>The enumerated home tenant ids.</summary>
    public ImmutableArray<string> Tenants { get; init; } = [];
}
