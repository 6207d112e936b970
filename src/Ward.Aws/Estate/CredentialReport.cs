using System.Collections.Immutable;

namespace Ward.Aws.Estate;

/// <summary>
/// An account's IAM credential report (<c>aws iam get-credential-report</c>): one entry per IAM user and one for the
/// root user, with the state and last use of each password, access key and signing certificate.
/// </summary>
public sealed record CredentialReport
{
    public required string Account { get; init; }

    /// <summary>The file the report was read from.</summary>
    public required string File { get; init; }

    /// <summary>When IAM generated the report (<c>GeneratedTime</c>); null for the decoded CSV, which does not say.</summary>
    public DateTimeOffset? GeneratedTime { get; init; }

    /// <summary>The newest timestamp anywhere in the report: the report cannot have been generated before it.</summary>
    public DateTimeOffset? NewestTimestamp { get; init; }

    public ImmutableArray<CredentialReportEntry> Entries { get; init; } = [];

    /// <summary>The root user's entry (<c>&lt;root_account&gt;</c>), when the report has one.</summary>
    public CredentialReportEntry? Root => Entries.FirstOrDefault(e => e.IsRoot);

    /// <summary>The IAM users' entries (every entry but the root user's).</summary>
    public IEnumerable<CredentialReportEntry> Users => Entries.Where(e => !e.IsRoot);
}
