using Ward.Microsoft.Edges;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.Applications;

/// <summary>Whose application a service principal instantiates, from its <c>appOwnerOrganizationId</c>.</summary>
internal static class Publishers
{
    /// <summary>
    /// An application registered in another tenant, not Microsoft's: its code, credentials and owners are outside this
    /// tenant. Undecided (false) when the export has no tenant id or the service principal no owner organization.
    /// </summary>
    public static bool IsThirdParty(MicrosoftAnalysisContext microsoft, EntraServicePrincipal servicePrincipal) =>
        microsoft.TenantId is { } tenant
        && servicePrincipal.ServicePrincipalType != ServicePrincipalType.ManagedIdentity
        && servicePrincipal.AppOwnerOrganizationId is { } owner
        && !string.Equals(owner, tenant, StringComparison.OrdinalIgnoreCase)
        && !MicrosoftEdgeContext.IsMicrosoftFirstParty(servicePrincipal);

    /// <summary><c>an application of this tenant</c>, <c>a managed identity</c>, <c>an application of tenant `…`</c>.</summary>
    public static string Describe(MicrosoftAnalysisContext microsoft, EntraServicePrincipal servicePrincipal) => servicePrincipal switch
    {
        { ServicePrincipalType: ServicePrincipalType.ManagedIdentity } => "a managed identity",
        { ServicePrincipalType: ServicePrincipalType.Legacy } => "a legacy service principal",
        { AppOwnerOrganizationId: { } owner } when string.Equals(owner, microsoft.TenantId, StringComparison.OrdinalIgnoreCase) => "an application of this tenant",
        { AppOwnerOrganizationId: { } owner } => $"an application of tenant `{owner}`",
        _ => "an application",
    };
}
