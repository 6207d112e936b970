using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.TenantSettings;

/// <summary>What the rules over the tenant's authorization policy share: the policy, and one finding for the whole tenant.</summary>
internal static class AuthorizationPolicyFindings
{
    public const string Category = "tenant-settings";

    /// <summary>The exported policy of the scanned tenant; null when there is none (the scanner lists the rules as not run).</summary>
    public static (MicrosoftAnalysisContext Microsoft, AuthorizationPolicy Policy)? Of(AnalysisContext context) =>
        context.Microsoft is { Directory.AuthorizationPolicy: { } policy } microsoft ? (microsoft, policy) : null;

    /// <summary>A finding about the tenant itself, named like the other tenant findings (the tenant id, or <c>/</c> when unknown).</summary>
    public static Finding Tenant(MicrosoftAnalysisContext microsoft, RuleMetadata metadata, Severity severity, string kind, string title, string explanation)
    {
        var tenant = microsoft.TenantId ?? "/";
        return new Finding
        {
            RuleId = metadata.Id,
            Category = metadata.Category,
            Severity = severity,
            Provider = "entra",
            Account = microsoft.TenantId,
            Principal = tenant,
            PrincipalName = microsoft.Directory.TenantDisplayName,
            Title = title,
            Explanation = explanation,
            Remediation = metadata.Remediation,
            References = metadata.References,
            Fingerprint = Finding.FingerprintOf(metadata.Id, tenant, kind),
        };
    }
}
