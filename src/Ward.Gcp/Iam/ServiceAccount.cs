using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>A service account. Emails are compared case-insensitively; the unique id never changes, even across deletion.</summary>
public sealed record ServiceAccount
{
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
}
