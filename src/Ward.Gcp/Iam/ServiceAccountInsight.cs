using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>
/// A Recommender insight of type <c>google.iam.serviceAccount.Insight</c> (<c>gcloud recommender insights list</c>):
/// Google found that the service account did not authenticate during the observation period, which ends at the
/// insight's last refresh.
/// </summary>
public sealed record ServiceAccountInsight
{
    /// <summary><c>projects/PROJECT/locations/global/insightTypes/google.iam.serviceAccount.Insight/insights/ID</c>.</summary>
    public required string Name { get; init; }

    /// <summary><c>content.email</c>.</summary>
    public required string Email { get; init; }

    /// <summary><c>content.serviceAccountId</c>, the unique id.</summary>
    public string? UniqueId { get; init; }

    /// <summary><c>content.lastAuthenticatedTime</c>: absent when the account has no recorded authentication.</summary>
    public DateTimeOffset? LastAuthenticated { get; init; }

    /// <summary><c>lastRefreshTime</c>: the end of the observation period.</summary>
    public DateTimeOffset? LastRefresh { get; init; }

    /// <summary><c>observationPeriod</c> (<c>"7776000s"</c>): how long before the last refresh the observation began.</summary>
    public TimeSpan? ObservationPeriod { get; init; }

    /// <summary><c>stateInfo.state</c>: <c>ACTIVE</c>, <c>ACCEPTED</c>, <c>DISMISSED</c>.</summary>
    public string? State { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>Whether it names the account, by email or unique id.</summary>
    public bool IsAbout(ServiceAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return string.Equals(Email, account.Email, StringComparison.OrdinalIgnoreCase)
            || (account.UniqueId is { } id && string.Equals(UniqueId, id, StringComparison.Ordinal));
    }
}
