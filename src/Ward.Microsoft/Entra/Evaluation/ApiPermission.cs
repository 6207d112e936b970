using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.Evaluation;

/// <summary>
/// One permission of a resource application (an API): <c>Mail.Read</c> of Microsoft Graph, <c>full_access_as_app</c>
/// of Office 365 Exchange Online. It may exist as an application permission (<see cref="AppRole"/>), as a delegated
/// one (<see cref="Scope"/>, or only named by delegated grants when the resource's scopes were not exported), or both.
/// </summary>
/// <param name="Resource">The resource's service principal in this tenant.</param>
/// <param name="Name">The permission's name as the resource defines it (its app role's or scope's <c>value</c>).</param>
/// <param name="AppRole">The app role granted as an application permission; null when the resource defines none by that name.</param>
/// <param name="Scope">The delegated scope the resource defines by that name; null when it defines none or its scopes were not exported.</param>
public sealed record ApiPermission(EntraServicePrincipal Resource, string Name, AppRole? AppRole, PermissionScope? Scope)
{
    public string ResourceName => Resource.DisplayName ?? Resource.AppId;

    /// <summary>The qualified form the command line accepts: <c>Microsoft Graph/Mail.Read</c>.</summary>
    public override string ToString() => $"{ResourceName}/{Name}";
}
