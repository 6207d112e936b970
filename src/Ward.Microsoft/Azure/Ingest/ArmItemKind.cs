namespace Ward.Microsoft.Azure.Ingest;

internal enum ArmItemKind
{
    Unknown,
    RoleDefinition,
    RoleAssignment,
    DenyAssignment,
    Eligibility,

    /// <summary>A PIM role assignment schedule instance: how an active assignment is held (standing, time-bound, activated).</summary>
    AssignmentScheduleInstance,
    /// <summary>A PIM role management policy assignment: the activation settings of a role at a scope.</summary>
    RoleManagementPolicyAssignment,

    /// <summary>A PIM role management policy: rules, named by policy id from its assignments.</summary>
    RoleManagementPolicy,
    ManagementGroup,
    Subscription,
    ClassicAdministrator,

    /// <summary>Any other ARM resource (a VM, key vault, cluster, identity, …): read for its identities and settings.</summary>
    Resource,

    /// <summary>A certificate of a key vault (its metadata: name and thumbprint), from the vault's certificate list.</summary>
    KeyVaultCertificate,

    /// <summary>A secret of a key vault (its metadata: name, content type, tags; never its value), from the vault's secret list.</summary>
    KeyVaultSecret,

    /// <summary>A federated identity credential of a user-assigned managed identity.</summary>
    FederatedCredential,
}
