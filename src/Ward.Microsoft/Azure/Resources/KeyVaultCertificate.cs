using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Azure.Resources;

/// <summary>
/// A certificate in a key vault, from the vault's certificate list (<c>az keyvault certificate list</c> or
/// <c>show</c>, the Key Vault REST API): metadata only, never the key. Key Vault keeps its private key as the key of
/// the same name (which signs) and, when the key is exportable, in the secret of the same name (which a reader
/// downloads as a PFX).
/// </summary>
public sealed record KeyVaultCertificate
{
    /// <summary>The vault's name, from the certificate id's host (<c>https://{vault}.vault.azure.net/certificates/{name}</c>).</summary>
    public required string VaultName { get; init; }

    public required string Name { get; init; }

    /// <summary>The current version's SHA-1 thumbprint, upper-case hex.</summary>
    public required string Thumbprint { get; init; }

    /// <summary><c>attributes.enabled</c>: Key Vault refuses every operation on a disabled certificate's key and secret.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>attributes.expires</c> (the az CLI) or <c>attributes.exp</c> (REST, Unix seconds).</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>The policy's <c>exportable</c>: whether the secret holds the private key; null when the export has no policy (the list form).</summary>
    public bool? Exportable { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    public bool IsValidAt(DateTimeOffset instant) => Enabled && (Expires is not { } end || end > instant);
}
