using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Evaluation;

/// <summary>
/// Tells a data action from a control action when the caller does not say. Azure keeps the two in separate lists and
/// the operation name alone does not tell (<c>…/containers/read</c> is control, <c>…/blobs/read</c> is data), so Ward
/// asks the role definitions it read, most telling evidence first:
/// <list type="number">
/// <item>an exact (wildcard-free) entry: listed in some <c>dataActions</c>/<c>notDataActions</c>, it is a data
/// action; in some <c>actions</c>/<c>notActions</c>, a control action (an export of every built-in role names most
/// operations exactly somewhere);</item>
/// <item>a provider pattern (one starting with a provider name, such as <c>Microsoft.KeyVault/*</c>) of some
/// <c>actions</c> list: control, even when a <c>dataActions</c> wildcard also covers it (Key Vault Administrator's
/// <c>Microsoft.KeyVault/vaults/*</c> data wildcard covers the control action <c>vaults/accessPolicies/write</c>);</item>
/// <item>a provider pattern of some <c>dataActions</c> list: data;</item>
/// <item>otherwise control.</item>
/// </list>
/// Generic patterns (<c>*</c>, <c>*/read</c>) are no evidence either way. This is a heuristic; callers that know say.
/// </summary>
public static class AzureActionClassifier
{
    public static AzureActionKind Infer(AzureEstate estate, string action)
    {
        ArgumentNullException.ThrowIfNull(estate);
        var blocks = estate.RoleDefinitions.SelectMany(d => d.Permissions).ToList();
        if (blocks.Exists(b => b.DataActions.Concat(b.NotDataActions).Any(p => IsExactly(p, action))))
        {
            return AzureActionKind.Data;
        }

        if (blocks.Exists(b => b.Actions.Concat(b.NotActions).Any(p => IsExactly(p, action))))
        {
            return AzureActionKind.Control;
        }

        if (blocks.Exists(b => b.Actions.Any(p => IsProviderPatternFor(p, action))))
        {
            return AzureActionKind.Control;
        }

        return blocks.Exists(b => b.DataActions.Any(p => IsProviderPatternFor(p, action))) ? AzureActionKind.Data : AzureActionKind.Control;
    }

    private static bool IsExactly(string pattern, string action) =>
        !pattern.Contains('*', StringComparison.Ordinal) && string.Equals(pattern, action, StringComparison.OrdinalIgnoreCase);

    private static bool IsProviderPatternFor(string pattern, string action) =>
        !pattern.StartsWith('*') && ActionPattern.Matches(pattern, action);
}
