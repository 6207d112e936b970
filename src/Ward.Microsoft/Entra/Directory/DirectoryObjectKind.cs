namespace Ward.Microsoft.Entra.Directory;

/// <summary>The kind of a directory object, from its <c>@odata.type</c> (<c>#microsoft.graph.user</c> …).</summary>
public enum DirectoryObjectKind
{
    Unknown,
    User,
    Group,
    ServicePrincipal,
    Application,
    Device,
    OrgContact,
    AdministrativeUnit,
}
