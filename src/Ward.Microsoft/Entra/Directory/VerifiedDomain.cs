namespace Ward.Microsoft.Entra.Directory;

/// <summary>A domain the tenant has verified (an item of the organization's <c>verifiedDomains</c>).</summary>
public sealed record VerifiedDomain
{
    public required string Name { get; init; }

    /// <summary>The <c>*.onmicrosoft.com</c> domain Microsoft created with the tenant: it can never be federated.</summary>
    public bool IsInitial { get; init; }

    public bool IsDefault { get; init; }

    /// <summary><c>Managed</c> (Entra ID signs its users in) or <c>Federated</c> (another identity provider does); null when not exported.</summary>
    public string? Type { get; init; }
}
