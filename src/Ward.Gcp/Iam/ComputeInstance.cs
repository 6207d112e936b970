using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>
/// A Compute Engine VM instance (<c>gcloud compute instances list --format=json</c>, or a Cloud Asset Inventory
/// resource of type <c>compute.googleapis.com/Instance</c>): where it runs, the service account it runs as and the
/// scopes its token gets, its metadata (OS Login, SSH keys) and whether it has an external IP address.
/// </summary>
public sealed record ComputeInstance
{
    /// <summary>The scope that lets a token call every Google Cloud API the account may.</summary>
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    public required string Name { get; init; }

    /// <summary>The project the instance belongs to, as its <c>selfLink</c> or <c>zone</c> names it (the project id).</summary>
    public required string Project { get; init; }

    /// <summary>The zone's short name (<c>europe-west1-b</c>).</summary>
    public required string Zone { get; init; }

    /// <summary><c>RUNNING</c>, <c>TERMINATED</c>, <c>SUSPENDED</c>…, when given.</summary>
    public string? Status { get; init; }

    /// <summary>The service account the instance runs as (Compute Engine allows one), when it has one.</summary>
    public string? ServiceAccount { get; init; }

    /// <summary>The OAuth scopes of <see cref="ServiceAccount"/>'s tokens on the instance.</summary>
    public ImmutableArray<string> Scopes { get; init; } = [];

    /// <summary>The instance's metadata items (<c>metadata.items[]</c>), by key.</summary>
    public FrozenDictionary<string, string> Metadata { get; init; } = FrozenDictionary<string, string>.Empty;

    /// <summary>Whether a network interface has an access config with an external IPv4 address, or an IPv6 one.</summary>
    public bool HasExternalIp { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary><c>projects/PROJECT/zones/ZONE/instances/NAME</c>, as IAM conditions see it.</summary>
    public string RelativeName => $"projects/{Project}/zones/{Zone}/instances/{Name}";

    /// <summary><c>//compute.googleapis.com/projects/PROJECT/zones/ZONE/instances/NAME</c>, the name its allow policy has.</summary>
    public string FullName => "//compute.googleapis.com/" + RelativeName;

    public bool IsRunning => string.Equals(Status, "RUNNING", StringComparison.Ordinal);

    /// <summary>Whether the account's tokens on the instance may call every API (the <c>cloud-platform</c> scope).</summary>
    public bool HasCloudPlatformScope => Scopes.Contains(CloudPlatformScope, StringComparer.Ordinal);

    /// <summary>The instance's own <c>enable-oslogin</c>, which overrides the project's; null when it sets none.</summary>
    public bool? OsLogin => MetadataFlag(Metadata, "enable-oslogin");

    /// <summary>Whether the instance refuses the project's SSH keys (<c>block-project-ssh-keys</c>).</summary>
    public bool BlocksProjectSshKeys => MetadataFlag(Metadata, "block-project-ssh-keys") == true;

    /// <summary>
    /// A boolean metadata value as the guest environment reads it (<c>TRUE</c>, <c>true</c>, <c>1</c>…, and the same
    /// for false); null when the key is absent or its value is not a boolean.
    /// </summary>
    public static bool? MetadataFlag(FrozenDictionary<string, string> metadata, string key)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.TryGetValue(key, out var value) ? Flag(value) : null;
    }

    public static bool? Flag(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Trim().ToUpperInvariant() switch
        {
            "TRUE" or "T" or "1" or "YES" or "Y" => true,
            "FALSE" or "F" or "0" or "NO" or "N" => false,
            _ => null,
        };
    }
}
