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
    bool IsTruncated);
