using Ward.Microsoft.Edges;
using Ward.Microsoft.Entra.Catalog;

namespace Ward.Analysis.Rules.Applications;

/// <summary>
/// <c>all-principals-high-risk-consent</c>: a delegated permission grant consented for every user
/// (<c>consentType: AllPrincipals</c>) that includes a high-risk scope, for a client that is not Microsoft's own.
/// </summary>
public sealed class AllPrincipalsHighRiskConsentRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "all-principals-high-risk-consent",
        "High-risk delegated permissions consented for every user",
        "over-permissive",
        Severity.High,
        "An administrator consented, on behalf of every user of the tenant, to a client application's high-risk delegated permissions: mail, files, sites, chats or calendars, or directory control (Directory.AccessAsUser.All, RoleManagement.ReadWrite.Directory and the like). No user is asked: whoever signs in to the application lends it these permissions over everything they can reach, administrators included, and with offline_access it keeps them while they are away. High for another tenant's application or a directory-control scope, medium for the tenant's own application and data scopes. Microsoft's own client applications are left out: the consent lets Microsoft's client act as each user within the user's own rights, and hands nothing to another party.",
        "Check that the application needs each permission for every user. Replace the tenant-wide consent with consent for the users or groups that use it (assign users and require assignment), remove the scopes it does not need (update or delete the oauth2PermissionGrant), and for another tenant's application, confirm the vendor is still trusted. Restrict who may grant tenant-wide consent and review consents regularly.",
        ["entra"],
        ["https://learn.microsoft.com/en-us/graph/api/resources/oauth2permissiongrant", "https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/manage-application-permissions", "https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/grant-admin-consent"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        var directory = microsoft.Directory;
        foreach (var grant in directory.OAuth2PermissionGrants.Where(g => g.IsForAllPrincipals).OrderBy(g => g.Id, StringComparer.Ordinal))
        {
            if (directory.FindServicePrincipal(grant.ClientId) is not { } client || client.AccountEnabled == false || MicrosoftEdgeContext.IsMicrosoftFirstParty(client))
            {
                continue;
            }

            var scopes = HighRiskPermissions.In(directory, grant);
            if (scopes.IsEmpty)
            {
                continue;
            }

            var name = client.DisplayName ?? client.Id;
            var resource = directory.FindServicePrincipal(grant.ResourceId)!;
            var own = string.Equals(client.AppOwnerOrganizationId, microsoft.TenantId, StringComparison.OrdinalIgnoreCase) && microsoft.TenantId is not null;
            var takeover = scopes.Any(p => p.Risk == PermissionRisk.TenantTakeover);
            var offline = grant.Scopes.Contains("offline_access", StringComparer.OrdinalIgnoreCase);
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = own && !takeover ? Severity.Medium : Severity.High,
                Provider = "entra",
                Account = microsoft.TenantId,
                Principal = client.Id,
                PrincipalName = client.DisplayName,
                Title = $"`{name}` is consented for every user to {string.Join(", ", scopes.Select(p => p.Name))} of `{resource.DisplayName ?? resource.AppId}`",
                Explanation = $"The delegated permission grant `{grant.Id}` (consentType AllPrincipals) lets `{name}` ({Publishers.Describe(microsoft, client)}, appId `{client.AppId}`) act as any user of the tenant with `{string.Join(' ', grant.Scopes)}` on `{resource.DisplayName ?? resource.AppId}`, without asking them. "
                    + $"High-risk among them: {string.Join("; ", scopes.Select(p => $"`{p.Name}`, which {p.Why}"))}. "
                    + (client.AppRoleAssignmentRequired == true
                        ? "It requires assignment (`appRoleAssignmentRequired`), so only the users assigned to it, directly or through a group, sign in to it; whoever of them does lends it these permissions over everything they can reach"
                        : "Whoever signs in to it lends it these permissions over everything they can reach")
                    + (takeover ? ", and an administrator's sign-in lends it the administrator's rights" : string.Empty)
                    + (offline ? "; with `offline_access` it keeps them after the user leaves." : "."),
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, client.Id, grant.Id),
            };
        }
    }

    public IEnumerable<SkippedAnalysis> Skipped(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        var unknown = microsoft.Directory.OAuth2PermissionGrants.Count(g => g.IsForAllPrincipals && microsoft.Directory.FindServicePrincipal(g.ResourceId) is null);
        if (unknown > 0)
        {
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for {unknown} grant{(unknown == 1 ? string.Empty : "s")} consented for every user",
                "the resource service principal they name is not in the export, so which API their scopes belong to is unknown");
        }
    }
}
