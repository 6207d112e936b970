using System.Collections.Immutable;
using Ward.Core.Diagnostics;
using Ward.Core.Model;

namespace Ward.Aws.Estate;

/// <summary>
/// The services a user's or role's policies allow, and when the principal last used each one: a completed
/// <c>aws iam get-service-last-accessed-details</c> job, wrapped with the principal's ARN (see docs/formats/aws.md).
/// </summary>
public sealed record ServiceLastAccessedReport
{
    public required string PrincipalArn { get; init; }

    public required string Account { get; init; }

    public required string File { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    public DateTimeOffset? JobCreated { get; init; }

    /// <summary>When IAM finished the job: the data is as of then.</summary>
    public DateTimeOffset? JobCompleted { get; init; }

    /// <summary>The job's answer was cut off (<c>IsTruncated</c>): services on later pages are missing.</summary>
    public bool IsTruncated { get; init; }

    public ImmutableArray<ServiceAccess> Services { get; init; } = [];
}
