namespace Ward.Microsoft.Azure.Resources;

/// <summary>
/// How an AKS cluster authenticates Kubernetes users, and the identity its nodes run as. With local accounts
/// enabled, <c>listClusterAdminCredential</c> hands out a cluster-admin certificate that no Entra ID sign-in stands
/// behind; without Entra ID integration, so does <c>listClusterUserCredential</c>.
/// </summary>
public sealed record ManagedClusterSettings
{
    /// <summary>Kubernetes RBAC (<c>enableRBAC</c>).</summary>
    public bool EnableRbac { get; init; }

    /// <summary>AKS-managed Entra ID integration (<c>aadProfile.managed</c>).</summary>
    public bool EntraManaged { get; init; }

    /// <summary>
    /// Kubernetes users sign in with Entra ID (an <c>aadProfile</c>, AKS-managed or the legacy integration): the user
    /// credential is then a sign-in prompt. Without it the user credential is a cluster-admin certificate, as the
    /// admin one.
    /// </summary>
    public bool EntraIntegrated { get; init; }

    /// <summary>Azure RBAC for Kubernetes authorization (<c>aadProfile.enableAzureRBAC</c>).</summary>
    public bool EnableAzureRbac { get; init; }

    /// <summary><c>disableLocalAccounts</c>: when true, no admin credential is issued.</summary>
    public bool DisableLocalAccounts { get; init; }

    /// <summary>The identity the nodes' kubelet uses (<c>identityProfile.kubeletidentity</c>): reachable from any pod through the instance metadata service.</summary>
    public IdentityAttachment? KubeletIdentity { get; init; }

    public bool LocalAccountsEnabled => !DisableLocalAccounts;
}
