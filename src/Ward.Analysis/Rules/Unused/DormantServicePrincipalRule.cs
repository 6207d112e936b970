using Ward.Analysis.Rules.Applications;
using Ward.Core.Model;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.Unused;

/// <summary>
/// <c>dormant-service-principal</c>: an enabled service principal (not Microsoft's own, not a managed identity) that
/// the service principal sign-in activity report shows unused for at least <c>--unused-days</c> days, while it
/// still holds credentials, application permissions or roles.
/// </summary>
public sealed class DormantServicePrincipalRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "dormant-service-principal",
        "Dormant service principal",
        "dormant-identity",
        Severity.Medium,
        "The service principal sign-in activity report (beta `reports/servicePrincipalSignInActivities`) shows no sign-in of the application for the threshold (default 90 days), as a client or as a resource, with delegated or app-only tokens; or none at all although one of its credentials has been valid that long. Yet it still holds valid credentials, application permissions, directory roles or Azure roles: access nobody uses, for whoever obtains a credential. High when it is an administrator, medium when it holds permissions or roles, low when it only holds credentials. Microsoft's own applications and managed identities (whose credentials Azure manages and whose life follows their resource) are left out, as are disabled service principals.",
        "Confirm with the application's owners that it is no longer used. Remove its secrets and certificates (on the service principal and on the app registration), its application permissions and its directory and Azure role assignments, then disable the service principal and delete it after a waiting period (for an application of another tenant, remove its consent: delete the service principal). If it is still needed, narrow what it holds to what it uses.",
        ["entra"],
        ["https://learn.microsoft.com/en-us/graph/api/resources/serviceprincipalsigninactivity?view=graph-rest-beta", "https://learn.microsoft.com/en-us/entra/identity/monitoring-health/concept-usage-insights-report", "https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/delete-application-portal"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft || !ReportGiven(microsoft))
        {
            yield break;
        }

        var reference = microsoft.ReferenceTime;
        var days = context.Settings.UnusedDays;
        foreach (var (servicePrincipal, holdings) in Holding(microsoft))
        {
            var last = LastSignIn(servicePrincipal);
            var dated = last is null ? OldestCredential(holdings, reference, days) : null;
            if (last is { } lastSignIn ? !Elapsed.AtLeast(lastSignIn, reference, days) : dated is null)
            {
                continue;
            }

            var name = servicePrincipal.DisplayName ?? servicePrincipal.Id;
            var admin = microsoft.Graph.Nodes.TryGetValue(new PrincipalId(servicePrincipal.Id), out var node) ? node.AdminReason : null;
            var severity = admin is not null ? Severity.High : holdings.Permissions.Count > 0 ? Severity.Medium : Severity.Low;
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = severity,
                Provider = "entra",
                Account = microsoft.TenantId,
                Principal = servicePrincipal.Id,
                PrincipalName = servicePrincipal.DisplayName,
                Title = last is { } at
                    ? $"Service principal `{name}` has not signed in for {Elapsed.Days(Elapsed.DaysBefore(at, reference))}"
                    : $"Service principal `{name}` has no recorded sign-in",
                Explanation = $"`{name}` ({Origin(microsoft, servicePrincipal)}) "
                    + (last is { } signedIn
                        ? $"last signed in {Elapsed.Ago(signedIn, reference)} ({Activity(servicePrincipal.SignInActivity!)})"
                        : $"has no sign-in in the sign-in activity report, although its {dated!.Value.Name} has been valid since {Elapsed.Ago(dated.Value.Since, reference)}")
                    + ". "
                    + (admin is not null ? $"It is an administrator: {admin}. " : string.Empty)
                    + $"It still holds {string.Join("; ", holdings.Credentials.Select(c => c.Description).Concat(holdings.Permissions))}. "
                    + $"Service principals without a sign-in for {Elapsed.Days(days)} (--unused-days) are reported; {Elapsed.Reference(context)}.",
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, servicePrincipal.Id),
            };
        }
    }

    public IEnumerable<SkippedAnalysis> Skipped(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        var holding = Holding(microsoft).ToList();
        if (holding.Count == 0)
        {
            yield break;
        }

        if (!ReportGiven(microsoft))
        {
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for {holding.Count} service principal{(holding.Count == 1 ? string.Empty : "s")} holding credentials, permissions or roles",
                "no service principal sign-in activity was given (beta GET /reports/servicePrincipalSignInActivities, which needs AuditLog.Read.All; or the report lists none of the exported service principals), so whether they are used is unknown");
            yield break;
        }

        var undated = holding.Count(h => LastSignIn(h.ServicePrincipal) is null && OldestCredential(h.Holdings, microsoft.ReferenceTime, context.Settings.UnusedDays) is null);
        if (undated > 0)
        {
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for {undated} service principal{(undated == 1 ? string.Empty : "s")} without a recorded sign-in",
                "the sign-in activity report records no sign-in for them and none of their credentials is as old as the threshold, so whether they are new or unused is unknown (service principals carry no creation date)");
        }
    }

    /// <summary>The report is taken as given when it dates at least one service principal of the export.</summary>
    private static bool ReportGiven(MicrosoftAnalysisContext microsoft) => microsoft.Directory.ServicePrincipals.Any(s => s.SignInActivity is not null);

    /// <summary>The candidates that hold anything worth removing, in id order.</summary>
    private static IEnumerable<(EntraServicePrincipal ServicePrincipal, Holdings Holdings)> Holding(MicrosoftAnalysisContext microsoft) =>
        microsoft.Directory.ServicePrincipals
            .Where(s => s.ServicePrincipalType != ServicePrincipalType.ManagedIdentity && !MicrosoftEdgeContext.IsMicrosoftFirstParty(s) && s.AccountEnabled != false)
            .OrderBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => (s, HoldingsOf(microsoft, s)))
            .Where(x => x.Item2.Credentials.Count > 0 || x.Item2.Permissions.Count > 0);

    private static Holdings HoldingsOf(MicrosoftAnalysisContext microsoft, EntraServicePrincipal servicePrincipal)
    {
        var reference = microsoft.ReferenceTime;
        var credentials = new List<Credential>();
        void Add(string owner, IReadOnlyList<PasswordCredential> allSecrets, IReadOnlyList<KeyCredential> allKeys)
        {
            // A SAML token signing certificate (its Sign key, Verify half and PFX password) and a token encryption
            // certificate (usage Encrypt) are not sign-in credentials.
            var (secrets, keys) = ApplicationCredentials.SignIn(allSecrets, allKeys);
            credentials.AddRange(secrets.Where(c => c.EndDateTime is not { } end || end > reference)
                .Select(c => new Credential($"secret `{c.DisplayName ?? c.KeyId}` on the {owner}", c.StartDateTime)));
            credentials.AddRange(keys.Where(k => k.EndDateTime is not { } end || end > reference)
                .Select(k => new Credential($"certificate `{k.DisplayName ?? k.KeyId}` on the {owner}", k.StartDateTime)));
        }

        Add("service principal", servicePrincipal.PasswordCredentials, servicePrincipal.KeyCredentials);
        if (microsoft.Directory.FindApplicationByAppId(servicePrincipal.AppId) is { } application)
        {
            Add("app registration", application.PasswordCredentials, application.KeyCredentials);
            credentials.AddRange((application.FederatedIdentityCredentials ?? []).Select(f => new Credential($"federated credential `{f.Name ?? f.Subject}` (issuer `{f.Issuer}`)", null)));
        }

        var roles = MicrosoftGrants.Roles(microsoft, servicePrincipal.Id);
        var permissions = MicrosoftGrants.ApplicationPermissions(microsoft, servicePrincipal.Id).Select(p => $"application permission {p}")
            .Concat(roles.Directory.Select(r => $"directory role {r}"))
            .Concat(roles.Azure.Select(r => $"Azure role {r}"))
            .ToList();
        return new Holdings(credentials, permissions);
    }

    /// <summary>The latest sign-in of any kind the report records; null when it has no entry, or an entry without dates.</summary>
    private static DateTimeOffset? LastSignIn(EntraServicePrincipal servicePrincipal) =>
        servicePrincipal.SignInActivity is not { } activity ? null
        : new[] { activity.LastSignIn, activity.DelegatedClientLastSignIn, activity.DelegatedResourceLastSignIn, activity.ApplicationClientLastSignIn, activity.ApplicationResourceLastSignIn }.Max();

    /// <summary>The credential valid the longest, when it has been valid for the threshold: it dates a service principal the report never saw.</summary>
    private static (string Name, DateTimeOffset Since)? OldestCredential(Holdings holdings, DateTimeOffset reference, int days) =>
        holdings.Credentials.Where(c => c.Since is { } since && Elapsed.AtLeast(since, reference, days)).OrderBy(c => c.Since).Select(c => ((string, DateTimeOffset)?)(c.Description, c.Since!.Value)).FirstOrDefault();

    private static string Origin(MicrosoftAnalysisContext microsoft, EntraServicePrincipal servicePrincipal) => servicePrincipal switch
    {
        { ServicePrincipalType: ServicePrincipalType.Legacy } => "a legacy service principal",
        { AppOwnerOrganizationId: { } owner } when string.Equals(owner, microsoft.TenantId, StringComparison.OrdinalIgnoreCase) => "an application of this tenant",
        { AppOwnerOrganizationId: { } owner } => $"an application of tenant `{owner}`, whose own credentials live there",
        _ => "an application",
    };

    private static string Activity(ServicePrincipalSignInActivity activity)
    {
        var kinds = new (string Kind, DateTimeOffset? At)[]
        {
            ("app-only as a client", activity.ApplicationClientLastSignIn),
            ("app-only as a resource", activity.ApplicationResourceLastSignIn),
            ("delegated as a client", activity.DelegatedClientLastSignIn),
            ("delegated as a resource", activity.DelegatedResourceLastSignIn),
        };
        var recorded = kinds.Where(k => k.At is not null).Select(k => $"{k.Kind} {Elapsed.Day(k.At!.Value)}").ToList();
        return recorded.Count == 0 ? "the report gives no breakdown" : string.Join(", ", recorded);
    }

    private sealed record Credential(string Description, DateTimeOffset? Since);

    private sealed record Holdings(List<Credential> Credentials, List<string> Permissions);
}
