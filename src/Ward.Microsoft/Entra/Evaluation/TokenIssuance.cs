using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.Evaluation;

/// <summary>Whether Entra ID issues a service principal tokens for a resource: not when either is disabled.</summary>
internal static class TokenIssuance
{
    /// <summary>Why no token is issued to <paramref name="client"/> for <paramref name="resource"/>; null when one is.</summary>
    public static string? Refusal(EntraServicePrincipal client, EntraServicePrincipal? resource) =>
        client.AccountEnabled == false
            ? $"{client.DisplayName ?? client.Id} is disabled (`accountEnabled` false): Entra ID issues it no token"
            : resource?.AccountEnabled == false
                ? $"the resource {resource.DisplayName ?? resource.AppId} is disabled (`accountEnabled` false): Entra ID issues no token for it"
                : null;
}
