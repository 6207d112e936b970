using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>
/// A Cloud Storage bucket (Cloud Asset Inventory, asset type <c>storage.googleapis.com/Bucket</c>): what Ward needs of
/// its own settings, beside the allow policy exported with the IAM policies.
/// </summary>
public sealed record StorageBucket
{
    /// <summary>The bucket's name (<c>NAME</c> of <c>//storage.googleapis.com/NAME</c>).</summary>
    public required string Name { get; init; }

    /// <summary>
    /// <c>iamConfiguration.publicAccessPrevention</c> as exported: <c>enforced</c>, <c>inherited</c> (the organization
    /// policy decides), <c>unspecified</c> (its older name); null when the export does not give it.
    /// </summary>
    public string? PublicAccessPrevention { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>Whether the bucket itself refuses <c>allUsers</c> and <c>allAuthenticatedUsers</c>, whatever the organization policy says.</summary>
    public bool EnforcesPublicAccessPrevention => string.Equals(PublicAccessPrevention, "enforced", StringComparison.OrdinalIgnoreCase);
}
