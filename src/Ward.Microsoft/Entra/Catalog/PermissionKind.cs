namespace Ward.Microsoft.Entra.Catalog;

/// <summary>How a permission is held: as the application itself, or on behalf of a signed-in user.</summary>
public enum PermissionKind
{
    /// <summary>An app role granted to a service principal (an app role assignment): used without a signed-in user, over the whole tenant.</summary>
    Application,

    /// <summary>An OAuth2 scope granted to a client (a delegated permission grant): used as the signed-in user, within that user's own rights.</summary>
    Delegated,
}
