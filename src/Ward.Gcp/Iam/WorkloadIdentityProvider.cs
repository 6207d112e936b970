using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>
/// A workload identity pool (<c>gcloud iam workload-identity-pools list</c>): a disabled or deleted pool issues no
/// federated token, whatever its providers say.
/// </summary>
public sealed record WorkloadIdentityPool
{
    /// <summary><c>projects/NUMBER/locations/global/workloadIdentityPools/POOL</c>.</summary>
    public required string Name { get; init; }

    public bool Disabled { get; init; }

    public string? State { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>Whether the pool issues tokens now (enabled, not deleted).</summary>
    public bool IsActive => !Disabled && !string.Equals(State, "DELETED", StringComparison.Ordinal);
}

/// <summary>
/// A provider of a workload identity pool (<c>gcloud iam workload-identity-pools providers list</c>): which external
/// tokens it accepts (an OIDC issuer, an AWS account, a SAML identity provider), how their claims map to attributes,
/// and the condition a token must meet.
/// </summary>
public sealed record WorkloadIdentityProvider
{
    /// <summary><c>projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER</c>.</summary>
    public required string Name { get; init; }

    public string? DisplayName { get; init; }

    public bool Disabled { get; init; }

    public string? State { get; init; }

    /// <summary>The OIDC issuer (<c>oidc.issuerUri</c>), null for AWS and SAML providers.</summary>
    public string? IssuerUri { get; init; }

    public ImmutableArray<string> AllowedAudiences { get; init; } = [];

    /// <summary>The AWS account whose roles may federate (<c>aws.accountId</c>).</summary>
    public string? AwsAccountId { get; init; }

    public bool IsSaml { get; init; }

    /// <summary>
    /// Whether the provider accepts X.509 client certificates (<c>x509</c>, with <c>x509.trustStore</c>): certificates
    /// chaining to the trust anchors the owner uploads, not tokens of an issuer on the internet.
    /// </summary>
    public bool IsX509 { get; init; }

    public ImmutableDictionary<string, string> AttributeMapping { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The CEL condition every token must meet; null or empty: any token of the issuer is accepted.</summary>
    public string? AttributeCondition { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>The pool's name (the provider's name up to <c>/providers/</c>).</summary>
    public string PoolName => Name[..Name.IndexOf("/providers/", StringComparison.Ordinal)];

    /// <summary>The pool's id, as principal identifiers name it (<c>…/workloadIdentityPools/POOL/…</c>).</summary>
    public string PoolId => PoolName[(PoolName.LastIndexOf('/') + 1)..];

    public bool IsActive => !Disabled && !string.Equals(State, "DELETED", StringComparison.Ordinal);
}
