using Ward.Microsoft.Entra.Catalog;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.Evaluation;

/// <summary>
/// Finds the API permission a question names: <c>PERMISSION</c> (of Microsoft Graph) or <c>RESOURCE/PERMISSION</c>,
/// the resource being its service principal's display name, application id or object id.
/// </summary>
public static class ApiPermissions
{
    /// <summary>
    /// Whether the text has the form of an API permission rather than an Azure operation, a directory resource action or
    /// a Google Cloud permission: <c>RESOURCE/NAME</c>, the resource not a resource provider namespace
    /// (<c>Microsoft.Compute/…</c>) and the name of letters, digits, <c>.</c>, <c>_</c> and <c>-</c>; or, unqualified, a
    /// name of the form Microsoft's APIs use: capitalised dotted words (<c>Mail.Read</c>, <c>EWS.AccessAsUser.All</c>)
    /// or lowercase words joined by <c>_</c> (<c>full_access_as_app</c>). Other names need the resource, so that a
    /// mistyped action (<c>GetObject</c>, <c>storage.buckets</c>) is still refused as malformed.
    /// </summary>
    public static bool LooksLikePermission(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash != text.LastIndexOf('/'))
        {
            return false;
        }

        var name = slash < 0 ? text : text[(slash + 1)..];
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        return slash < 0 ? HasMicrosoftPermissionForm(name) : slash > 0 && !IsProviderNamespace(text[..slash]);
    }

    /// <summary>The permission named by <paramref name="permission"/>, of <paramref name="resource"/> when given apart; null with <paramref name="error"/> saying why.</summary>
    public static ApiPermission? Resolve(EntraDirectory directory, string permission, string? resource, out string? error)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(permission);
        error = null;
        var slash = permission.IndexOf('/', StringComparison.Ordinal);
        var qualifier = slash < 0 ? null : permission[..slash];
        var name = slash < 0 ? permission : permission[(slash + 1)..];
        if (qualifier is not null && resource is not null)
        {
            error = $"the resource is named twice (`{qualifier}` in `{permission}`, and `{resource}`): give it once";
            return null;
        }

        var resourceText = qualifier ?? resource;
        var servicePrincipal = resourceText is null ? Graph(directory, out error) : FindResource(directory, resourceText, out error);
        if (servicePrincipal is null)
        {
            return null;
        }

        var appRole = servicePrincipal.AppRoles.FirstOrDefault(r => string.Equals(r.Value, name, StringComparison.OrdinalIgnoreCase))
            ?? GraphAppRole(servicePrincipal, name);
        var scope = servicePrincipal.Oauth2PermissionScopes.FirstOrDefault(s => string.Equals(s.Value, name, StringComparison.OrdinalIgnoreCase));
        var namedByGrant = directory.OAuth2PermissionGrants
            .Where(g => string.Equals(g.ResourceId, servicePrincipal.Id, StringComparison.OrdinalIgnoreCase))
            .SelectMany(g => g.Scopes)
            .FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase));
        var catalogued = HighRiskPermissions.Find(servicePrincipal.AppId, name, PermissionKind.Delegated)?.Name;
        if (appRole is null && scope is null && namedByGrant is null && catalogued is null)
        {
            var elsewhere = resourceText is null
                ? directory.ServicePrincipals.Where(s => s.AppRoles.Any(r => string.Equals(r.Value, name, StringComparison.OrdinalIgnoreCase)) || s.Oauth2PermissionScopes.Any(p => string.Equals(p.Value, name, StringComparison.OrdinalIgnoreCase)))
                    .Select(s => $"`{s.DisplayName ?? s.AppId}/{name}`").ToList()
                : [];
            error = $"`{name}` is not a permission of `{servicePrincipal.DisplayName ?? servicePrincipal.AppId}`: its service principal defines no app role or delegated scope by that name, and no delegated grant names it"
                + (elsewhere.Count > 0 ? $"; other resources define it: ask {string.Join(" or ", elsewhere)}" : string.Empty);
            return null;
        }

        return new ApiPermission(servicePrincipal, appRole?.Value ?? scope?.Value ?? namedByGrant ?? catalogued ?? name, appRole, scope);
    }

    private static EntraServicePrincipal? Graph(EntraDirectory directory, out string? error)
    {
        error = null;
        if (directory.FindServicePrincipalByAppId(HighRiskPermissions.MicrosoftGraphAppId) is { } graph)
        {
            return graph;
        }

        error = $"Microsoft Graph's service principal (application id {HighRiskPermissions.MicrosoftGraphAppId}) is not in the Entra ID export: name the resource as `RESOURCE/PERMISSION`";
        return null;
    }

    private static EntraServicePrincipal? FindResource(EntraDirectory directory, string text, out string? error)
    {
        error = null;
        if ((directory.FindServicePrincipal(text) ?? directory.FindServicePrincipalByAppId(text)) is { } byId)
        {
            return byId;
        }

        var named = directory.ServicePrincipals.Where(s => string.Equals(s.DisplayName, text, StringComparison.OrdinalIgnoreCase)).ToList();
        switch (named.Count)
        {
            case 1:
                return named[0];
            case 0:
                error = $"resource `{text}` is not the display name, application id or object id of a service principal of the Entra ID export";
                return null;
            default:
                error = $"resource `{text}` names several service principals ({string.Join(", ", named.Select(s => $"{s.Id}, application id {s.AppId}"))}): give its application id or object id";
                return null;
        }
    }

    // Microsoft Graph's app role ids are the same in every tenant: an export whose Graph service principal lists
    // fewer app roles still names the catalogued ones.
    private static AppRole? GraphAppRole(EntraServicePrincipal resource, string name) =>
        string.Equals(resource.AppId, HighRiskPermissions.MicrosoftGraphAppId, StringComparison.OrdinalIgnoreCase)
        && HighRiskPermissions.Find(resource.AppId, name, PermissionKind.Application) is { GraphAppRoleId: { } id } known
            ? new AppRole { Id = id, Value = known.Name, AllowedMemberTypes = ["Application"] }
            : null;

    // Azure resource provider namespaces (`Microsoft.Compute`) have the dotted form too; no Microsoft API permission starts so.
    private static bool HasMicrosoftPermissionForm(string name)
    {
        if (name.Contains('_', StringComparison.Ordinal))
        {
            return name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
        }

        var words = name.Split('.');
        return words.Length >= 2 && words.All(w => w.Length > 0 && char.IsAsciiLetterUpper(w[0]) && w.All(char.IsAsciiLetterOrDigit))
            && !string.Equals(words[0], "Microsoft", StringComparison.Ordinal);
    }

    private static bool IsProviderNamespace(string text) =>
        text.Contains('.', StringComparison.Ordinal) && !text.Contains(' ', StringComparison.Ordinal) && !Guid.TryParse(text, out _)
        && text.Split('.').All(p => p.Length > 0 && p.All(char.IsAsciiLetterOrDigit));
}
