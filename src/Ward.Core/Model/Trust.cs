namespace Ward.Core.Model;

/// <summary>What kind of outside party a trust admits.</summary>
public enum TrustKind
{
    /// <summary>Principals of an account, tenant or project (all of them, or named ones).</summary>
    Principal,

    /// <summary>A cloud service.</summary>
    Service,

    /// <summary>An OpenID Connect identity provider (GitHub Actions, EKS, Google, ...).</summary>
    OidcProvider,

    /// <summary>A SAML identity provider.</summary>
    SamlProvider,

    /// <summary>Everyone, including anonymous callers.</summary>
    Everyone,
}

/// <summary>
/// A statement that a principal may be become, or act as, by someone else: an IAM role trust entry, a federated
/// credential, a workload identity binding. Providers emit these as data so federation can be joined across clouds.
/// </summary>
public sealed record Trust
{
    /// <summary>The identity that can be become.</summary>
    public required PrincipalId Trusting { get; init; }

    public required TrustKind Kind { get; init; }

    /// <summary>Who is trusted, as written: an ARN, an account id, a service name, a provider URL.</summary>
    public required string Trusted { get; init; }

    /// <summary>Whether the trust carries conditions that narrow it (external id, subject, audience ...).</summary>
    public required bool IsConditional { get; init; }
}
