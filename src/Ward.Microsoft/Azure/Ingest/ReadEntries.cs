using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>Everything read from the files so far, in input order, before duplicates are merged and references checked.</summary>
internal sealed class ReadEntries
{
    public List<RoleDefinition> RoleDefinitions { get; } = [];

    public List<RoleAssignment> RoleAssignments { get; } = [];

    public List<DenyAssignment> DenyAssignments { get; } = [];

    public List<EligibleRoleAssignment> Eligibilities { get; } = [];

    public List<AssignmentScheduleInstance> AssignmentScheduleInstances { get; } = [];

    public List<AzureActivationPolicy> ActivationPolicies { get; } = [];

    /// <summary>Role management policies by id: the rules of assignments that carry no <c>effectiveRules</c>.</summary>
    public List<(string Id, Pim.ActivationPolicy? Policy)> RoleManagementPolicies { get; } = [];

    public HierarchyParts Hierarchy { get; } = new();

    public List<ClassicAdministrator> ClassicAdministrators { get; } = [];

    public List<Resources.AzureResource> Resources { get; } = [];

    public List<Resources.KeyVaultCertificate> KeyVaultCertificates { get; } = [];

    public List<Resources.KeyVaultSecret> KeyVaultSecrets { get; } = [];

    public List<Resources.IdentityFederatedCredential> FederatedCredentials { get; } = [];

    /// <summary>Key vault access policies listed apart from their vault (AzureHound), with the vault's id.</summary>
    public List<(AzureScope VaultId, Resources.KeyVaultAccessPolicy Policy, Ward.Core.Diagnostics.SourceLocation Location)> KeyVaultAccessPolicies { get; } = [];

    /// <summary>REST pages read, per entry kind: whether each said more pages follow (<c>nextLink</c>), and where.</summary>
    public List<(ArmItemKind Kind, bool MoreFollow, Ward.Core.Diagnostics.SourceLocation Location)> Pages { get; } = [];

    /// <summary>Adds, after what it holds, what was read from another file on its own.</summary>
    public void Add(ReadEntries other)
    {
        RoleDefinitions.AddRange(other.RoleDefinitions);
        RoleAssignments.AddRange(other.RoleAssignments);
        DenyAssignments.AddRange(other.DenyAssignments);
        Eligibilities.AddRange(other.Eligibilities);
        AssignmentScheduleInstances.AddRange(other.AssignmentScheduleInstances);
        ActivationPolicies.AddRange(other.ActivationPolicies);
        RoleManagementPolicies.AddRange(other.RoleManagementPolicies);
        Hierarchy.ManagementGroups.AddRange(other.Hierarchy.ManagementGroups);
        Hierarchy.Subscriptions.AddRange(other.Hierarchy.Subscriptions);
        ClassicAdministrators.AddRange(other.ClassicAdministrators);
        Resources.AddRange(other.Resources);
        KeyVaultCertificates.AddRange(other.KeyVaultCertificates);
        KeyVaultSecrets.AddRange(other.KeyVaultSecrets);
        FederatedCredentials.AddRange(other.FederatedCredentials);
        KeyVaultAccessPolicies.AddRange(other.KeyVaultAccessPolicies);
        Pages.AddRange(other.Pages);
    }

    public int Count => RoleDefinitions.Count + RoleAssignments.Count + DenyAssignments.Count + Eligibilities.Count + AssignmentScheduleInstances.Count + ActivationPolicies.Count + RoleManagementPolicies.Count + Hierarchy.ManagementGroups.Count + Hierarchy.Subscriptions.Count + ClassicAdministrators.Count + Resources.Count + KeyVaultAccessPolicies.Count + KeyVaultCertificates.Count + KeyVaultSecrets.Count + FederatedCredentials.Count;
}
