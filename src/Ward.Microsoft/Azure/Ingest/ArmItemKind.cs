namespace Ward.Microsoft.Azure.Ingest;

internal enum ArmItemKind
{
    Unknown,
    RoleDefinition,
    RoleAssignment,
    DenyAssignment,
    Eligibility,
    ManagementGroup,
    Subscription,
    ClassicAdministrator,
}
