using System.Collections.Frozen;
using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>
/// A project's Compute Engine settings (<c>gcloud compute project-info describe --format=json</c>, or a Cloud Asset
/// Inventory resource of type <c>compute.googleapis.com/Project</c>): its common instance metadata, whose
/// <c>enable-oslogin</c> and <c>ssh-keys</c> apply to every instance that does not set its own.
/// </summary>
public sealed record ComputeProjectMetadata
{
    /// <summary>The project id (<c>name</c> of the Compute Engine project resource).</summary>
    public required string Project { get; init; }

    /// <summary><c>commonInstanceMetadata.items[]</c>, by key.</summary>
    public FrozenDictionary<string, string> Metadata { get; init; } = FrozenDictionary<string, string>.Empty;

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>The project's <c>enable-oslogin</c>; null when it sets none (OS Login is then off unless an instance sets it).</summary>
    public bool? OsLogin => ComputeInstance.MetadataFlag(Metadata, "enable-oslogin");
}
