namespace Ward.Microsoft.Entra.Directory;

/// <summary>What a <c>directoryScopeId</c> names.</summary>
public enum DirectoryScopeKind
{
    /// <summary><c>/</c>: the whole tenant.</summary>
    Tenant,

    /// <summary><c>/administrativeUnits/{id}</c>.</summary>
    AdministrativeUnit,

    /// <summary><c>/{objectId}</c>: one object (an application, a service principal, a group).</summary>
    DirectoryObject,

    /// <summary>
    /// An app-specific scope (<c>appScopeId</c> other than <c>/</c>): defined and understood by one application only,
    /// not a set of directory objects.
    /// </summary>
    AppScope,

    /// <summary>Something else, kept as written.</summary>
    Unknown,
}
