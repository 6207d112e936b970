using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Resources;

namespace Ward.Microsoft.Azure.Rbac;

/// <summary>Everything read from the Azure RBAC exports: immutable once loaded.</summary>
public sealed record AzureEstate
{
    public static AzureEstate Empty { get; } = new()
    {
        RoleDefinitions = [],
        RoleAssignments = [],
        DenyAssignments = [],
        EligibleAssignments = [],
        Hierarchy = AzureHierarchy.Empty,
        Inputs = [],
        Diagnostics = [],
    };

    public required ImmutableArray<RoleDefinition> RoleDefinitions { get; init; }

    public required ImmutableArray<RoleAssignment> RoleAssignments { get; init; }

    public required ImmutableArray<DenyAssignment> DenyAssignments { get; init; }

    public required ImmutableArray<EligibleRoleAssignment> EligibleAssignments { get; init; }

    /// <summary>
    /// PIM role assignment schedule instances (how each active assignment is held: standing, time-bound or activated),
    /// when exported; empty otherwise.
    /// </summary>
    public ImmutableArray<AssignmentScheduleInstance> AssignmentScheduleInstances { get; init; } = [];

    /// <summary>PIM role management policy assignments (the activation settings of a role at a scope), when exported; empty otherwise.</summary>
    public ImmutableArray<AzureActivationPolicy> ActivationPolicies { get; init; } = [];

    public required AzureHierarchy Hierarchy { get; init; }

    /// <summary>Classic subscription administrators, from older exports that list them; empty otherwise.</summary>
    public ImmutableArray<ClassicAdministrator> ClassicAdministrators { get; init; } = [];

    /// <summary>The resource inventory (one entry per resource id), when one was given; empty otherwise.</summary>
    public ImmutableArray<AzureResource> Resources { get; init; } = [];

    /// <summary>Key vault certificates (metadata and thumbprint), from the vaults' certificate lists; empty otherwise.</summary>
    public ImmutableArray<KeyVaultCertificate> KeyVaultCertificates { get; init; } = [];

    /// <summary>Key vault secrets (metadata only, never a value), from the vaults' secret lists; empty otherwise.</summary>
    public ImmutableArray<KeyVaultSecret> KeyVaultSecrets { get; init; } = [];

    /// <summary>Federated identity credentials of user-assigned identities (<c>az identity federated-credential list</c>); empty otherwise.</summary>
    public ImmutableArray<IdentityFederatedCredential> FederatedCredentials { get; init; } = [];

    public required ImmutableArray<AzureInputFile> Inputs { get; init; }

    public required ImmutableArray<Diagnostic> Diagnostics { get; init; }

    private FrozenDictionary<AzureScope, AzureResource> ResourcesById => field ??= Resources.ToFrozenDictionary(r => r.Id);

    /// <summary>The exported activation settings of a role at a scope (the policy that governs eligibilities there); null when not exported.</summary>
    public Pim.ActivationPolicy? FindActivationPolicy(AzureScope scope, string roleDefinitionId) =>
        ActivationPolicies
            .Where(p => p.Scope == scope && string.Equals(p.RoleDefinitionGuid, RoleDefinition.GuidOf(roleDefinitionId), StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Policy)
            .FirstOrDefault(p => p is not null);

    public AzureResource? FindResource(AzureScope id) => ResourcesById.GetValueOrDefault(id);

    public IEnumerable<AzureResource> ResourcesOfType(string type) => Resources.Where(r => r.IsOfType(type));

    /// <summary>The certificates of a key vault, found by its name (vault names are unique in a cloud, and certificate ids carry only the name).</summary>
    public IEnumerable<KeyVaultCertificate> CertificatesOf(AzureResource vault) =>
        KeyVaultCertificates.Where(c => string.Equals(c.VaultName, vault.Name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The object id of a user-assigned identity's service principal: from the identity's own inventory entry, else
    /// from any resource it is attached to that names it; null when no export tells.
    /// </summary>
    public string? PrincipalOfIdentity(AzureScope identityId) =>
        FindResource(identityId)?.IdentityPrincipalId
        ?? Resources.SelectMany(r => r.UserAssignedIdentities.Append(r.Cluster?.KubeletIdentity).OfType<IdentityAttachment>())
            .FirstOrDefault(u => u.IdentityId == identityId && u.PrincipalId is not null)?.PrincipalId;

    /// <summary>
    /// The client id (the application id of its service principal) of a user-assigned identity: from its own
    /// inventory entry, else from any resource it is attached to that gives it; null when no export tells.
    /// </summary>
    public string? ClientIdOfIdentity(AzureScope identityId) =>
        FindResource(identityId)?.IdentityClientId
        ?? Resources.SelectMany(r => r.UserAssignedIdentities.Append(r.Cluster?.KubeletIdentity).OfType<IdentityAttachment>())
            .FirstOrDefault(u => u.IdentityId == identityId && u.ClientId is not null)?.ClientId;

    private FrozenDictionary<string, RoleDefinition> DefinitionsByGuid =>
        field ??= RoleDefinitions.DistinctBy(d => d.Name, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Finds a role definition by full id or bare GUID. Built-in roles have one id per subscription but the same
    /// GUID everywhere, so the GUID is the key.
    /// </summary>
    public RoleDefinition? FindRoleDefinition(string roleDefinitionId) => DefinitionsByGuid.GetValueOrDefault(RoleDefinition.GuidOf(roleDefinitionId));

    /// <summary>Finds role definitions by display name (case-insensitive); custom roles may share a name across scopes.</summary>
    public ImmutableArray<RoleDefinition> FindRoleDefinitionsByName(string roleName) =>
        [.. RoleDefinitions.Where(d => string.Equals(d.RoleName, roleName, StringComparison.OrdinalIgnoreCase))];
}
