using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>A service account. Emails are compared case-insensitively; the unique id never changes, even across deletion.</summary>
public sealed record ServiceAccount
{
    private const string UserManagedDomain = ".iam.gserviceaccount.com";

    public required string Email { get; init; }

    /// <summary>The stable numeric id; a new account that reuses a deleted one's email gets a new one.</summary>
    public string? UniqueId { get; init; }

    /// <summary>The id of the project that owns the account.</summary>
    public string? ProjectId { get; init; }

    /// <summary>The resource name, <c>projects/PROJECT_ID/serviceAccounts/EMAIL</c>.</summary>
    public string? Name { get; init; }

    public string? DisplayName { get; init; }

    public string? Description { get; init; }

    public bool Disabled { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>The project id of a user-managed service account's email (<c>NAME@PROJECT.iam.gserviceaccount.com</c>); null for other emails.</summary>
    public static string? ProjectIdOfEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var at = email.LastIndexOf('@');
        return at > 0 && email.EndsWith(UserManagedDomain, StringComparison.OrdinalIgnoreCase) && email.Length - UserManagedDomain.Length > at + 1
            ? email[(at + 1)..^UserManagedDomain.Length].ToLowerInvariant()
            : null;
    }
}
