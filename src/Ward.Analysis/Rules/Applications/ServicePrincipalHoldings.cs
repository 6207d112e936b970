using System.Collections.Immutable;
using Ward.Core.Model;
using Ward.Microsoft.Entra.Catalog;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.Applications;

/// <summary>
/// What a service principal holds without a signed-in user, worded for explanations: its application permissions
/// (the high-risk ones apart), its directory roles and Azure roles, and whether it is an administrator.
/// </summary>
internal sealed record ServicePrincipalHoldings(
    ImmutableArray<HighRiskPermission> HighRisk,
    ImmutableArray<string> ApplicationPermissions,
    ImmutableArray<string> Roles,
    string? AdminReason)
{
    public static ServicePrincipalHoldings None { get; } = new([], [], [], null);

    /// <summary>Access of its own, without a user: an application permission or a role.</summary>
    public bool HasAppOnlyAccess => !ApplicationPermissions.IsEmpty || !Roles.IsEmpty;

    /// <summary>A high-risk application permission or an administrator role: whoever signs in as it can take the tenant or its data.</summary>
    public bool IsPowerful => !HighRisk.IsEmpty || AdminReason is not null;

    public static ServicePrincipalHoldings Of(MicrosoftAnalysisContext microsoft, EntraServicePrincipal? servicePrincipal) =>
        Of(microsoft, servicePrincipal?.Id);

    /// <summary>As <see cref="Of(MicrosoftAnalysisContext, EntraServicePrincipal?)"/>, by object id: a managed identity's Azure roles count even when the directory export does not list it.</summary>
    public static ServicePrincipalHoldings Of(MicrosoftAnalysisContext microsoft, string? servicePrincipalId)
    {
        if (servicePrincipalId is null)
        {
            return None;
        }

        var granted = Granted(microsoft, servicePrincipalId).ToList();
        var (directoryRoles, azureRoles) = MicrosoftGrants.Roles(microsoft, servicePrincipalId);
        var roles = directoryRoles.Select(r => $"directory role {r}").Concat(azureRoles.Select(r => $"Azure role {r}"));
        var admin = microsoft.Graph.Nodes.TryGetValue(new PrincipalId(servicePrincipalId), out var node) ? node.AdminReason : null;
        return new ServicePrincipalHoldings(
            HighRiskOf(granted),
            [.. granted.Select(g => $"`{g.Permission ?? "(unnamed app role)"}` of `{g.Resource}`").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. roles],
            admin);
    }

    /// <summary>The app roles granted to a service principal, the default access role left out.</summary>
    public static IEnumerable<GrantedAppRole> Granted(MicrosoftAnalysisContext microsoft, string servicePrincipalId) =>
        microsoft.AppRoleAssignmentsOf(servicePrincipalId)
            .Where(a => !string.Equals(a.AppRoleId, HighRiskPermissions.DefaultAccessRoleId, StringComparison.OrdinalIgnoreCase))
            .Select(a => HighRiskPermissions.Resolve(microsoft.Directory, a));

    /// <summary>The high-risk ones, each once: tenant takeover first, then by name.</summary>
    public static ImmutableArray<HighRiskPermission> HighRiskOf(IEnumerable<GrantedAppRole> granted) =>
        [.. granted.Select(g => g.HighRisk).OfType<HighRiskPermission>().Distinct().OrderBy(p => p.Risk).ThenBy(p => p.Resource, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)];

    /// <summary>
    /// <c>It holds `RoleManagement.ReadWrite.Directory` of `Microsoft Graph` (assigns any directory role …). </c>, or
    /// nothing when it holds nothing.
    /// </summary>
    public string Sentence(string subject)
    {
        var parts = new List<string>();
        if (AdminReason is not null)
        {
            parts.Add($"is an administrator: {AdminReason}");
        }

        if (!HighRisk.IsEmpty)
        {
            parts.Add($"holds {string.Join("; ", HighRisk.Select(p => $"{p.Label} ({p.Why})"))}");
        }

        var others = ApplicationPermissions.Where(p => !HighRisk.Any(h => string.Equals(p, h.Label, StringComparison.Ordinal)))
            .Select(p => $"application permission {p}")
            .Concat(Roles)
            .ToList();
        if (others.Count > 0)
        {
            parts.Add($"{(HighRisk.IsEmpty ? "holds" : "also holds")} {string.Join("; ", others)}");
        }

        return parts.Count == 0 ? string.Empty : $"{subject} {string.Join(". It ", parts)}.";
    }
}
