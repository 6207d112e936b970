using Ward.Microsoft.Edges;
using Ward.Microsoft.Entra.Catalog;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.Applications;

/// <summary>
/// <c>high-risk-application-permission</c>: a service principal of this tenant (an application's, a managed
/// identity's) holding a tenant-wide high-risk application permission: one that takes over the tenant, or reaches all
/// mail, files, sites or chats.
/// </summary>
public sealed class HighRiskApplicationPermissionRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "high-risk-application-permission",
        "Service principal holds a high-risk application permission",
        "over-permissive",
        Severity.High,
        "A service principal (an application's or a managed identity's) holds an application permission that works without a signed-in user over the whole tenant, and is one of Ward's high-risk permissions: tenant takeover (RoleManagement.ReadWrite.Directory, AppRoleAssignment.ReadWrite.All, Application.ReadWrite.All, the PIM schedule permissions, Policy.ReadWrite.PermissionGrant, UserAuthenticationMethod.ReadWrite.All, Domain.ReadWrite.All and others) or Microsoft 365 data (every mailbox, file, site or chat: Mail.ReadWrite, Files.ReadWrite.All, Sites.FullControl.All, Exchange full_access_as_app and others). Whoever controls the application's credentials, or runs code as the managed identity, holds them. Critical for takeover permissions, high for data access. Sites.Selected (granted site by site) is not reported. Mail, calendar and mailbox-settings permissions reach every mailbox unless an Exchange Online application access policy narrows them: with the policies exported (Get-ApplicationAccessPolicy), the finding says which mailboxes they reach and is medium when a RestrictAccess policy limits every permission it reports; without them, every mailbox is assumed. RBAC for Applications grants add to Entra ID's, never narrow them. Microsoft's own service principals are left out, and other tenants' applications are reported by third-party-app-high-risk-permission.",
        "Replace the permission with the narrowest one the workload needs: Sites.Selected instead of Sites.*.All, a directory role scoped to an administrative unit, Application.ReadWrite.OwnedBy instead of Application.ReadWrite.All; limit mail access to the mailboxes it needs with RBAC for Applications in Exchange Online, removing the Entra ID grant (which RBAC for Applications does not narrow), or with an application access policy. Protect what holds it as you would a Global Administrator: few owners, no client secrets, a managed identity or federated credential, Conditional Access for workload identities.",
        ["entra"],
        ["https://learn.microsoft.com/en-us/graph/permissions-reference", "https://learn.microsoft.com/en-us/graph/permissions-selected-overview", "https://learn.microsoft.com/en-us/exchange/permissions-exo/application-rbac", "https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/manage-application-permissions"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        foreach (var servicePrincipal in Holders(microsoft))
        {
            var held = ServicePrincipalHoldings.HighRiskOf(ServicePrincipalHoldings.Granted(microsoft, servicePrincipal.Id));
            if (held.IsEmpty)
            {
                continue;
            }

            var name = servicePrincipal.DisplayName ?? servicePrincipal.Id;
            var takeover = held.Any(p => p.Risk == PermissionRisk.TenantTakeover);
            var mailboxes = MailboxReach.Of(microsoft, servicePrincipal, held);
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = takeover ? Severity.Critical : !takeover && mailboxes.OnlySomeMailboxes ? Severity.Medium : Severity.High,
                Provider = "entra",
                Account = microsoft.TenantId,
                Principal = servicePrincipal.Id,
                PrincipalName = servicePrincipal.DisplayName,
                Title = $"`{name}` holds {string.Join(", ", held.Select(p => p.Name))}",
                Explanation = $"`{name}` ({Publishers.Describe(microsoft, servicePrincipal)}, appId `{servicePrincipal.AppId}`) holds, as application permissions (tenant-wide, without a signed-in user): "
                    + string.Join("; ", held.Select(p => $"{p.Label}, which {p.Why}"))
                    + ". "
                    + mailboxes.Note(assumeEveryMailbox: true)
                    + (servicePrincipal.ServicePrincipalType == ServicePrincipalType.ManagedIdentity
                        ? "Whoever can run code on the resource the identity belongs to, or manage the identity, holds them."
                        : "Whoever holds a credential of the application or its service principal, or can add one, holds them."),
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, servicePrincipal.Id),
            };
        }
    }

    /// <summary>Enabled service principals that are neither Microsoft's nor, as far as the export tells, another tenant's application.</summary>
    private static IEnumerable<EntraServicePrincipal> Holders(MicrosoftAnalysisContext microsoft) =>
        microsoft.Directory.ServicePrincipals
            .Where(s => s.AccountEnabled != false && !MicrosoftEdgeContext.IsMicrosoftFirstParty(s) && !Publishers.IsThirdParty(microsoft, s))
            .OrderBy(s => s.Id, StringComparer.Ordinal);
}
