using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Azure.Resources;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.AzureRbac;

/// <summary>
/// Managed identities as the exports name them: a service principal of type <c>ManagedIdentity</c> in the directory
/// export, or an object id the resource inventory gives as a resource's system-assigned identity
/// (<c>identity.principalId</c>), as an attached user-assigned identity's (<c>identity.userAssignedIdentities</c>) or as
/// a user-assigned identity's own (<c>az identity list</c>), with the resources that use it.
/// </summary>
internal static class ManagedIdentities
{
    public static bool IsManagedIdentity(MicrosoftAnalysisContext microsoft, string principalId) =>
        microsoft.Directory.FindServicePrincipal(principalId) is { } servicePrincipal
            ? servicePrincipal.ServicePrincipalType == ServicePrincipalType.ManagedIdentity
            : InventoryNames(microsoft.Azure, principalId);

    /// <summary>The identity's name: its service principal's display name, else the inventory's name for it (a user-assigned identity's, or the resource's for a system-assigned one).</summary>
    public static string? NameOf(MicrosoftAnalysisContext microsoft, string principalId) =>
        microsoft.Directory.FindServicePrincipal(principalId)?.DisplayName
        ?? microsoft.Azure.Resources.FirstOrDefault(r => Is(r.IdentityPrincipalId, principalId) || Is(r.SystemAssignedPrincipalId, principalId))?.Name
        ?? UserAssignedIdentityOf(microsoft.Azure, principalId)?.Name;

    /// <summary>
    /// How a holder is named in a list of holders: a managed identity by its own name (the az CLI's
    /// <c>principalName</c> for a service principal is its first service principal name, a managed identity's client
    /// id: a GUID that is neither its object id nor a name), anyone else as the exports name them.
    /// </summary>
    public static string? HolderName(MicrosoftAnalysisContext microsoft, string principalId) =>
        (IsManagedIdentity(microsoft, principalId) ? NameOf(microsoft, principalId) : null) ?? microsoft.NameOf(principalId);

    /// <summary>
    /// What the identity belongs to: the resource whose system-assigned identity it is, or the user-assigned identity
    /// and the resources it is attached to, from the directory export's <c>alternativeNames</c> (<c>isExplicit=True</c>
    /// marks a user-assigned identity, whose resource id is its own; <c>isExplicit=False</c> a system-assigned one,
    /// whose resource id is the resource it belongs to) and the inventory.
    /// </summary>
    public static string Attachment(MicrosoftAnalysisContext microsoft, string principalId)
    {
        var azure = microsoft.Azure;
        var alternativeNames = microsoft.Directory.FindServicePrincipal(principalId)?.AlternativeNames ?? [];
        var named = alternativeNames.FirstOrDefault(n => n.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase));
        var explicitly = alternativeNames.Any(n => string.Equals(n, "isExplicit=True", StringComparison.OrdinalIgnoreCase));
        var systemAssignedTo = azure.Resources.FirstOrDefault(r => Is(r.SystemAssignedPrincipalId, principalId));
        if (systemAssignedTo is not null || (named is not null && !explicitly))
        {
            return $"the system-assigned managed identity of `{systemAssignedTo?.Id.Value ?? named}`";
        }

        var identity = named ?? UserAssignedIdentityOf(azure, principalId)?.Id.Value;
        if (identity is null)
        {
            return "a managed identity (the export does not name its resource)";
        }

        var users = azure.Resources
            .Where(r => r.UserAssignedIdentities.Append(r.Cluster?.KubeletIdentity).OfType<IdentityAttachment>().Any(u => string.Equals(u.IdentityId.Value, identity, StringComparison.OrdinalIgnoreCase) || Is(u.PrincipalId, principalId)))
            .Select(r => $"`{r.Id.Value}`")
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return $"the user-assigned managed identity `{identity}`" + (users.Count > 0
            ? $", attached to {string.Join(", ", users)}"
            : azure.Resources.IsEmpty
                ? " (without a resource inventory, the export does not say which resources use it)"
                : " (the resource inventory attaches it to no resource)");
    }

    // The object ids the inventory gives as identities, gathered once per estate: the rules ask for every assignment.
    private static readonly ConditionalWeakTable<AzureEstate, FrozenSet<string>> IdentitiesByEstate = [];

    private static bool InventoryNames(AzureEstate azure, string principalId) =>
        IdentitiesByEstate.GetValue(azure, estate => estate.Resources
            .SelectMany(r => r.AttachedPrincipalIds.Concat(r.Cluster?.KubeletIdentity?.PrincipalId is { } kubelet ? [kubelet] : []).Append(r.IdentityPrincipalId))
            .OfType<string>()
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase))
            .Contains(principalId);

    /// <summary>The user-assigned identity a resource's <c>identity.userAssignedIdentities</c> (or an AKS kubelet identity) gives with this object id.</summary>
    private static (string Name, AzureScope Id)? UserAssignedIdentityOf(AzureEstate azure, string principalId) =>
        azure.Resources.Where(r => Is(r.IdentityPrincipalId, principalId)).Select(r => ((string Name, AzureScope Id)?)(r.Name, r.Id)).FirstOrDefault()
        ?? azure.Resources
            .SelectMany(r => r.UserAssignedIdentities.Append(r.Cluster?.KubeletIdentity).OfType<IdentityAttachment>())
            .Where(u => Is(u.PrincipalId, principalId))
            .Select(u => ((string Name, AzureScope Id)?)(u.IdentityId.Value[(u.IdentityId.Value.LastIndexOf('/') + 1)..], u.IdentityId))
            .FirstOrDefault();

    private static bool Is(string? objectId, string principalId) => string.Equals(objectId, principalId, StringComparison.OrdinalIgnoreCase);
}
