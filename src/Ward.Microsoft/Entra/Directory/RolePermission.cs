using System.Collections.Immutable;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// One <c>rolePermissions</c> entry of a role definition: the resource actions it allows and, when present, the
/// condition under which (<c>$ResourceIsSelf</c>, <c>$SubjectIsOwner</c>), kept as written.
/// </summary>
public sealed record RolePermission
{
    public ImmutableArray<string> AllowedResourceActions { get; init; } = [];

    public string? Condition { get; init; }
}
