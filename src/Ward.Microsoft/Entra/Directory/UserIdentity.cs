namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// An identity a user signs in with (an item of the user's <c>identities</c>, Graph's <c>objectIdentity</c>): this
/// tenant's own (<c>signInType</c> <c>userPrincipalName</c>, issued by the tenant's domain, which every user has) or
/// another issuer's (<c>federated</c>: <c>ExternalAzureAD</c>, <c>MicrosoftAccount</c>, <c>mail</c> for email
/// one-time passcodes, <c>google.com</c>, a SAML/WS-Fed provider's issuer).
/// </summary>
public sealed record UserIdentity
{
    public string? SignInType { get; init; }

    public string? Issuer { get; init; }

    public string? IssuerAssignedId { get; init; }

    /// <summary>An identity another issuer vouches for: the user authenticates there, not with a credential of this tenant.</summary>
    public bool IsFederated => string.Equals(SignInType, "federated", StringComparison.OrdinalIgnoreCase);
}
