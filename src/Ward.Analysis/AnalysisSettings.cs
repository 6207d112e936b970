using System.Collections.Immutable;

namespace Ward.Analysis;

/// <summary>
/// The thresholds of the time-based rules, in days before the reference time (<c>ward scan</c> options; docs/cli.md).
/// The defaults follow common practice: 90 days for unused and old credentials, 30 days for root user activity.
/// </summary>
public sealed record AnalysisSettings
{
    public static AnalysisSettings Default { get; } = new();

    /// <summary>
    /// <c>--unused-days</c>: an access key, user, role or service not used for this many days is unused
    /// (unused-access-key, dormant-user, dormant-role, unused-service-permissions, the Entra ID dormancy rules,
    /// gcp-dormant-service-account, gcp-unused-service-account-key).
    /// </summary>
    public int UnusedDays { get; init; } = 90;

    /// <summary><c>--key-age-days</c>: an active access key created this many days ago or earlier is old (old-access-key).</summary>
    public int KeyAgeDays { get; init; } = 90;

    /// <summary><c>--root-use-days</c>: a root user sign-in or key use this recent is reported (root-recently-used).</summary>
    public int RootUseDays { get; init; } = 30;

    /// <summary>
    /// <c>--credential-lifetime-days</c>: an application or service principal secret or certificate valid for longer
    /// than this is long-lived (app-credential-long-lived). Microsoft recommends a year at most.
    /// </summary>
    public int CredentialLifetimeDays { get; init; } = 365;

    /// <summary>
    /// <c>--owner-limit</c>: more principals than this holding Owner, or a role that may assign Owner, over one subscription,
    /// management group or the root are reported (azure-many-owners). Microsoft recommends at most three subscription owners.
    /// </summary>
    public int OwnerLimit { get; init; } = 3;

    /// <summary>
    /// <c>--gcp-domain</c>: domains of the Google Cloud organization besides those the exports name (the organization's
    /// primary domain, the domains of its exported groups), such as secondary domains and domain aliases of its Cloud
    /// Identity or Google Workspace account, which no Google Cloud export lists (gcp-external-domain-member).
    /// </summary>
    public ImmutableArray<string> GcpDomains { get; init; } = [];

    /// <summary>An input generated this many days before the reference time is called stale in the scan notes.</summary>
    public int StaleInputDays { get; init; } = 7;
}
