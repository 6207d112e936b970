using System.Collections.Immutable;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>An app role a service principal (as a resource) defines: for application permissions, <see cref="Value"/> is the permission name.</summary>
public sealed record AppRole
{
    public required string Id { get; init; }

    /// <summary>The claim value, such as <c>RoleManagement.ReadWrite.Directory</c>.</summary>
    public string? Value { get; init; }

    public string? DisplayName { get; init; }

    /// <summary><c>User</c> (users and groups) and/or <c>Application</c> (application permissions).</summary>
    public ImmutableArray<string> AllowedMemberTypes { get; init; } = [];

    public bool IsEnabled { get; init; } = true;
}
