namespace Ward.Microsoft.Entra.Catalog;

/// <summary>What an app role assignment grants, as far as the export names it.</summary>
/// <param name="Resource">The resource's display name (its service principal's, else the assignment's, else its object id).</param>
/// <param name="ResourceAppId">The resource's application id; null when its service principal is not in the export and the assignment does not name Microsoft Graph.</param>
/// <param name="Permission">The app role's value (<c>Mail.Read</c>); null when it cannot be named (or for the default access role).</param>
/// <param name="HighRisk">The catalog entry when the permission is one of <see cref="HighRiskPermissions"/>.</param>
public sealed record GrantedAppRole(string Resource, string? ResourceAppId, string? Permission, HighRiskPermission? HighRisk);
