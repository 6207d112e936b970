namespace Ward.Gcp.Iam;

/// <summary>Where a role is defined, told by its name.</summary>
public enum RoleKind
{
    /// <summary><c>roles/NAME</c>: a basic or predefined role, defined by Google.</summary>
    Predefined,

    /// <summary><c>organizations/ID/roles/NAME</c>: a custom role of an organization.</summary>
    OrganizationCustom,

    /// <summary><c>projects/ID/roles/NAME</c>: a custom role of a project.</summary>
    ProjectCustom,
}
