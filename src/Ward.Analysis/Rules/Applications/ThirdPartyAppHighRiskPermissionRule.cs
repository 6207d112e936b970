using Ward.Microsoft.Entra.Catalog;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.Applications;

/// <summary>
/// <c>third-party-app-high-risk-permission</c>: an application registered in another tenant (not Microsoft's) whose
/// service principal here holds high-risk application permissions or high-risk delegated grants.
/// </summary>
public sealed class ThirdPartyAppHighRiskPermissionRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "third-party-app-high-risk-permission",
        "Another tenant's application holds high-risk permissions",
        "trust",
        Severity.High,
        "A multi-tenant application published by another organization (its service principal's appOwnerOrganizationId is neither this tenant nor one of Microsoft's) was consented here to high-risk permissions: application permissions that take over the tenant or reach all mail, files, sites or chats, or delegated permissions to such data or to directory control. The application's code, credentials and owners live in its publisher's tenant: a breach there, a malicious update or a stolen secret reaches this tenant's data, and nothing in this tenant shows it. Critical for a tenant takeover application permission, high for other application permissions and for delegated permissions consented for all users, medium for delegated permissions consented by single users.",
        "Confirm with the business owner that the vendor and its access are still needed and that it needs each permission (ask the vendor for the narrowest ones: Sites.Selected, RBAC for Applications in Exchange Online). Remove what is not needed: revoke the app role assignments and delegated grants, or delete the service principal to remove the consent altogether. Restrict user consent to verified publishers and low-risk permissions, and route the rest through the admin consent workflow.",
        ["entra"],
        ["https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/manage-application-permissions", "https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/configure-user-consent", "https://learn.microsoft.com/en-us/security/operations/incident-response-playbook-app-consent"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        var directory = microsoft.Directory;
        foreach (var servicePrincipal in directory.ServicePrincipals.Where(s => s.AccountEnabled != false && Publishers.IsThirdParty(microsoft, s)).OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            var application = ServicePrincipalHoldings.HighRiskOf(ServicePrincipalHoldings.Granted(microsoft, servicePrincipal.Id));
            var delegated = directory.OAuth2PermissionGrants
                .Where(g => string.Equals(g.ClientId, servicePrincipal.Id, StringComparison.OrdinalIgnoreCase))
                .Select(g => (Grant: g, Scopes: HighRiskPermissions.In(directory, g)))
                .Where(g => !g.Scopes.IsEmpty)
                .OrderBy(g => g.Grant.IsForAllPrincipals ? 0 : 1)
                .ThenBy(g => g.Grant.Id, StringComparer.Ordinal)
                .ToList();
            if (application.IsEmpty && delegated.Count == 0)
            {
                continue;
            }

            var name = servicePrincipal.DisplayName ?? servicePrincipal.Id;
            var severity = application.Any(p => p.Risk == PermissionRisk.TenantTakeover) ? Severity.Critical
                : !application.IsEmpty || delegated.Exists(g => g.Grant.IsForAllPrincipals) ? Severity.High
                : Severity.Medium;
            var held = new List<string>();
            if (!application.IsEmpty)
            {
                held.Add($"as application permissions (tenant-wide, without a signed-in user): {string.Join("; ", application.Select(p => $"{p.Label}, which {p.Why}"))}");
            }

            held.AddRange(delegated.Select(g => $"as delegated permissions {For(microsoft, g.Grant)} (grant `{g.Grant.Id}`): {string.Join("; ", g.Scopes.Select(p => $"{p.Label}, which {p.Why}"))}"));
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = severity,
                Provider = "entra",
                Account = microsoft.TenantId,
                Principal = servicePrincipal.Id,
                PrincipalName = servicePrincipal.DisplayName,
                Title = $"Another tenant's application `{name}` holds {string.Join(", ", application.Concat(delegated.SelectMany(g => g.Scopes)).Select(p => p.Name).Distinct(StringComparer.Ordinal))}",
                Explanation = $"`{name}` (appId `{servicePrincipal.AppId}`) is an application of tenant `{servicePrincipal.AppOwnerOrganizationId}`: its code, credentials and owners are there, outside this tenant. "
                    + $"Its service principal here holds {string.Join("; and ", held)}."
                    + (MailboxReach.Of(microsoft, servicePrincipal, application).Note(assumeEveryMailbox: false) is { Length: > 0 } mailboxes ? " " + mailboxes.TrimEnd() : string.Empty),
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, servicePrincipal.Id),
            };
        }
    }

    public IEnumerable<SkippedAnalysis> Skipped(AnalysisContext context)
    {
        if (context.Microsoft is { TenantId: null } microsoft && !microsoft.Directory.ServicePrincipals.IsEmpty)
        {
            yield return new SkippedAnalysis(
                Metadata.Id,
                "the export has no organization (GET /organization), so applications of other tenants cannot be told from this tenant's own; high-risk-application-permission reports every holder instead");
        }
    }

    /// <summary><c>for every user</c>, or <c>consented by `user`</c>.</summary>
    internal static string For(MicrosoftAnalysisContext microsoft, OAuth2PermissionGrant grant) =>
        grant.IsForAllPrincipals ? "for every user (admin consent)" : $"for `{microsoft.NameOf(grant.PrincipalId!) ?? grant.PrincipalId}` only";
}
