namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// A role assignment's <c>directoryScopeId</c>, parsed: <c>/</c> (tenant), <c>/administrativeUnits/{id}</c>, or
/// <c>/{objectId}</c>; or its app-specific <c>appScopeId</c>. <see cref="Id"/> is the administrative unit or object id
/// (lower case), null for the tenant and an app scope.
/// </summary>
public readonly record struct DirectoryScope(DirectoryScopeKind Kind, string? Id, string Text)
{
    public static DirectoryScope Tenant { get; } = new(DirectoryScopeKind.Tenant, null, "/");

    /// <summary>An app-specific scope, kept as written (<c>/AccessPackageCatalog/{id}</c>, an application's own ids).</summary>
    public static DirectoryScope App(string appScopeId) => new(DirectoryScopeKind.AppScope, null, appScopeId);

    public static DirectoryScope Parse(string text)
    {
        if (text == "/")
        {
            return Tenant;
        }

        const string AdministrativeUnits = "/administrativeUnits/";
        if (text.StartsWith(AdministrativeUnits, StringComparison.OrdinalIgnoreCase) && Guid.TryParse(text.AsSpan(AdministrativeUnits.Length), out var unit))
        {
            return new DirectoryScope(DirectoryScopeKind.AdministrativeUnit, unit.ToString("D"), text);
        }

        if (text.StartsWith('/') && Guid.TryParse(text.AsSpan(1), out var objectId))
        {
            return new DirectoryScope(DirectoryScopeKind.DirectoryObject, objectId.ToString("D"), text);
        }

        return new DirectoryScope(DirectoryScopeKind.Unknown, null, text);
    }

    public override string ToString() => Text;
}
