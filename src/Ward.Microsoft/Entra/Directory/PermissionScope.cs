namespace Ward.Microsoft.Entra.Directory;

/// <summary>A delegated permission (OAuth2 scope) a service principal (as a resource) defines.</summary>
public sealed record PermissionScope
{
    public required string Id { get; init; }

    /// <summary>The scope name, such as <c>Directory.AccessAsUser.All</c>.</summary>
    public string? Value { get; init; }

    /// <summary><c>Admin</c> (only an administrator may consent) or <c>User</c>.</summary>
    public string? Type { get; init; }

    public bool IsEnabled { get; init; } = true;
}
