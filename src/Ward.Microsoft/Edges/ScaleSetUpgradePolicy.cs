using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Edges;

/// <summary>
/// How a change to a scale set's model (a script extension, an identity) reaches its instances, which the techniques
/// that change the model share: unasked under an <c>Automatic</c> or <c>Rolling</c> upgrade policy, only when upgraded
/// under <c>Manual</c>; new instances are created from the latest model whatever the policy ("New instances added to
/// the scale set use the most up-to-date model available", Microsoft's upgrade policy documentation).
/// </summary>
internal static class ScaleSetUpgradePolicy
{
    /// <summary>The scale set's <c>upgradePolicy.mode</c> as the inventory gives it; null when the export left it out (<c>az resource list</c>).</summary>
    public static string? ModeOf(MicrosoftEdgeContext context, AzureScope scaleSet) => context.Azure.FindResource(scaleSet)?.UpgradePolicyMode;

    /// <summary>Whether the policy brings the running instances up to a model change itself, with no upgrade to ask for.</summary>
    public static bool RollsOutUnasked(string? mode) => mode is "Automatic" or "Rolling";
}
