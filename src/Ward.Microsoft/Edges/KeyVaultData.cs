using Ward.Core.Graph;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Azure.Resources;

namespace Ward.Microsoft.Edges;

/// <summary>
/// Who may use an item of a key vault (a certificate's key, a secret), as the key vault techniques decide it: each
/// data action by the Azure authorizer on the item itself, so a vault in access-policy mode by its access policies,
/// an RBAC vault by role assignments (NotDataActions, deny assignments and conditions included) at the vault or the
/// item, and a principal that may write role assignments on the vault also after assigning itself a data role there.
/// </summary>
internal static class KeyVaultData
{
    /// <summary>The principals to decide, in order: every Azure assignee, and on an access-policy vault every principal (group members included) its policies name.</summary>
    public static IEnumerable<string> Candidates(MicrosoftEdgeContext context, AzureResource vault)
    {
        var policyHolders = vault.KeyVault is { EnableRbacAuthorization: false } settings ? KeyVaultAccessPolicies.NamedObjects(settings) : [];
        return context.AzureAssignees.Concat(context.WithMembers(policyHolders, keepGroups: false)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
    }

    /// <summary>The data action on the vault's item (<c>{vault}/secrets/{name}</c>), or after a self-assigned role on the vault.</summary>
    public static AzureStep Decide(MicrosoftEdgeContext context, string principal, string action, AzureResource vault, string collection, string name) =>
        context.DecideAzure(principal, vault.Id, [new AzureRequest { PrincipalId = principal, Action = action, Scope = AzureScope.Parse($"{vault.Id.Value}/{collection}/{name}"), ActionKind = AzureActionKind.Data }]);

    /// <summary>Without the vault's settings, the RBAC decision holds only if the vault uses Azure RBAC for its data.</summary>
    public static Edge WithVaultMode(Edge edge, AzureResource vault) => vault.KeyVault is null
        ? edge with { Requirements = edge.Requirements.Add($"key vault `{vault.Name}` uses Azure RBAC for its data (its permission model is not in the export: `az keyvault show` gives it)") }
        : edge;
}
