using System.Collections.Immutable;
using Ward.Aws.Estate;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Ingest;

/// <summary>What one <c>get-account-authorization-details</c> file held (one page or all of them).</summary>
public sealed record GaadExport(
    string File,
    string? Account,
    ImmutableArray<IamUser> Users,
    ImmutableArray<IamGroup> Groups,
    ImmutableArray<IamRole> Roles,
    ImmutableArray<ManagedPolicy> Policies,
    ImmutableDictionary<string, SourceLocation> Locations,
    string? Truncation)
{
    /// <summary>
    /// The page says more follow: <see cref="Truncation"/> is where (<c>$.IsTruncated</c>, or <c>$.NextToken</c> when
    /// the AWS CLI's own pagination stopped); null for the last page or a whole export.
    /// </summary>
    public bool IsTruncated => Truncation is not null;
}
