using System.Collections.Immutable;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>The permissions an application asks for on one resource (by the resource's <c>appId</c>); asked, not granted.</summary>
public sealed record RequiredResourceAccess
{
    public required string ResourceAppId { get; init; }

    public ImmutableArray<ResourceAccess> ResourceAccess { get; init; } = [];
}
