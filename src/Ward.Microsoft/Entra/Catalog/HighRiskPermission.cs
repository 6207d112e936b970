namespace Ward.Microsoft.Entra.Catalog;

/// <summary>
/// A permission of a Microsoft API that Ward reports when it is held: <paramref name="Name"/> as the resource's app role
/// or scope value (<c>Mail.Read</c>), of the resource whose application id is <paramref name="ResourceAppId"/>.
/// </summary>
/// <param name="ResourceAppId">The application id of the API (Microsoft Graph, Exchange Online, SharePoint Online).</param>
/// <param name="Resource">The API's name, as its service principal is called.</param>
/// <param name="Name">The permission's value.</param>
/// <param name="Kind">Application permission (app role) or delegated permission (scope).</param>
/// <param name="Risk">Tenant takeover or data access.</param>
/// <param name="Why">What the holder can do with it, as a clause: "reads the mail of every mailbox".</param>
/// <param name="GraphAppRoleId">
/// For Microsoft Graph application permissions, the app role id, the same in every tenant: it names the permission of
/// an app role assignment when Microsoft Graph's service principal (and so its <c>appRoles</c>) is not in the export.
/// </param>
public sealed record HighRiskPermission(
    string ResourceAppId,
    string Resource,
    string Name,
    PermissionKind Kind,
    PermissionRisk Risk,
    string Why,
    string? GraphAppRoleId = null)
{
    /// <summary><c>`Mail.Read` of `Microsoft Graph`</c>.</summary>
    public string Label => $"`{Name}` of `{Resource}`";
}
