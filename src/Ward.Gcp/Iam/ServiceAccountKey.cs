using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>A key of a service account.</summary>
public sealed record ServiceAccountKey
{
    /// <summary>The resource name, <c>projects/PROJECT/serviceAccounts/ACCOUNT/keys/KEY_ID</c>.</summary>
    public required string Name { get; init; }

    public required string KeyId { get; init; }

    /// <summary>The account as the key's name gives it: an email (<c>keys list</c>) or a unique id (some asset exports).</summary>
    public required string ServiceAccount { get; init; }

    /// <summary>The project segment of the key's name (a project id, or <c>-</c>).</summary>
    public required string Project { get; init; }

    public ServiceAccountKeyType KeyType { get; init; }

    /// <summary><c>USER_PROVIDED</c> (a public key uploaded by a user) or <c>GOOGLE_PROVIDED</c>, when given.</summary>
    public string? KeyOrigin { get; init; }

    public string? KeyAlgorithm { get; init; }

    /// <summary>When the key became usable: its creation time.</summary>
    public DateTimeOffset? ValidAfterTime { get; init; }

    /// <summary>When the key stops being usable; user-managed keys without an expiry policy say year 9999.</summary>
    public DateTimeOffset? ValidBeforeTime { get; init; }

    public bool Disabled { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>Whether the key belongs to the account (its name names the account by email or unique id).</summary>
    public bool BelongsTo(ServiceAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return string.Equals(ServiceAccount, account.Email, StringComparison.OrdinalIgnoreCase)
            || (account.UniqueId is { } id && string.Equals(ServiceAccount, id, StringComparison.Ordinal));
    }
}
