using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>
/// When a service account or one of its keys last authenticated, as Activity Analyzer reports it
/// (<c>gcloud policy-intelligence query-activity --activity-type=serviceAccountLastAuthentication</c> or
/// <c>serviceAccountKeyLastAuthentication</c>). Google records the day, at midnight US Pacific time.
/// </summary>
public sealed record AuthenticationActivity
{
    /// <summary><c>//iam.googleapis.com/projects/PROJECT/serviceAccounts/ACCOUNT</c>, with <c>/keys/KEY_ID</c> for a key.</summary>
    public required string FullResourceName { get; init; }

    /// <summary>The project segment of the name (a project id).</summary>
    public required string Project { get; init; }

    /// <summary>The account as the name gives it: an email, or a unique id.</summary>
    public required string ServiceAccount { get; init; }

    /// <summary>The account's unique id (<c>activity.serviceAccount.serviceAccountId</c>), when given.</summary>
    public string? ServiceAccountUniqueId { get; init; }

    /// <summary>The key's id for key activity; null for an account's.</summary>
    public string? KeyId { get; init; }

    /// <summary><c>activity.lastAuthenticatedTime</c>; null when the entry records none.</summary>
    public DateTimeOffset? LastAuthenticated { get; init; }

    public DateTimeOffset? ObservationStart { get; init; }

    public DateTimeOffset? ObservationEnd { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>Whether it is about the account itself (when it is not about one of its keys).</summary>
    public bool IsAccountActivity => KeyId is null;

    /// <summary>Whether it names the account, by email or unique id.</summary>
    public bool IsAbout(ServiceAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return string.Equals(ServiceAccount, account.Email, StringComparison.OrdinalIgnoreCase)
            || (account.UniqueId is { } id && (string.Equals(ServiceAccount, id, StringComparison.Ordinal) || string.Equals(ServiceAccountUniqueId, id, StringComparison.Ordinal)));
    }
}
