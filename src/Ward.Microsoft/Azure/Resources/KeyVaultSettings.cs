using System.Collections.Immutable;

namespace Ward.Microsoft.Azure.Resources;

/// <summary>
/// How a key vault decides access to its keys, secrets and certificates: Azure RBAC data actions
/// (<c>enableRbacAuthorization</c>), or its own access policies, which anyone allowed
/// <c>Microsoft.KeyVault/vaults/write</c> can rewrite.
/// </summary>
public sealed record KeyVaultSettings
{
    public required bool EnableRbacAuthorization { get; init; }

    /// <summary>The access policies (ignored by Key Vault while RBAC authorization is on).</summary>
    public ImmutableArray<KeyVaultAccessPolicy> AccessPolicies { get; init; } = [];
}
