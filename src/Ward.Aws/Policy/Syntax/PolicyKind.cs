namespace Ward.Aws.Policy.Syntax;

/// <summary>Where a policy is used; it decides which elements are required or forbidden.</summary>
public enum PolicyKind
{
    Identity,
    PermissionsBoundary,
    Session,
    ServiceControl,
    ResourceControl,
    Resource,
    RoleTrust,
}
