using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Azure.Resources;

/// <summary>
/// A secret in a key vault, from the vault's secret list (<c>az keyvault secret list</c>, the Key Vault REST API):
/// metadata only, never the value. Its name, content type and tags are whatever its writer chose; they are the only
/// hint of what it holds.
/// </summary>
public sealed record KeyVaultSecret
{
    /// <summary>The vault's name, from the secret id's host (<c>https://{vault}.vault.azure.net/secrets/{name}</c>).</summary>
    public required string VaultName { get; init; }

    public required string Name { get; init; }

    public string? ContentType { get; init; }

    /// <summary>The secret's tags, in the order given.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Tags { get; init; } = [];

    /// <summary><c>attributes.enabled</c>: Key Vault refuses to return a disabled secret's value.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>attributes.expires</c> (the az CLI) or <c>attributes.exp</c> (REST, Unix seconds).</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary><c>managed</c>: the secret of a key vault certificate (its PFX or PEM), which Key Vault manages.</summary>
    public bool Managed { get; init; }

    /// <summary>
    /// Whether the id names one version (<c>…/secrets/{name}/{version}</c>), as <c>az keyvault secret list-versions</c>
    /// writes; the secret list's own entry, without a version, describes the current one.
    /// </summary>
    public bool IsVersion { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    public bool IsValidAt(DateTimeOffset instant) => Enabled && (Expires is not { } end || end > instant);
}
