namespace Ward.Microsoft.Entra.Directory;

/// <summary>A certificate (or other key) of an application or service principal.</summary>
public sealed record KeyCredential
{
    public string? KeyId { get; init; }

    public string? DisplayName { get; init; }

    /// <summary><c>AsymmetricX509Cert</c>, <c>X509CertAndPassword</c>, <c>Symmetric</c>.</summary>
    public string? Type { get; init; }

    /// <summary><c>Verify</c> (sign-in) or <c>Sign</c> (SAML token signing).</summary>
    public string? Usage { get; init; }

    public DateTimeOffset? StartDateTime { get; init; }

    public DateTimeOffset? EndDateTime { get; init; }

    /// <summary>
    /// The certificate's SHA-1 thumbprint in upper-case hex, from <c>customKeyIdentifier</c> (which Microsoft Graph
    /// sets to the thumbprint unless the uploader chose another value); null when it holds something else.
    /// </summary>
    public string? Thumbprint { get; init; }
}
