using System.Globalization;

namespace Ward.Analysis.Rules.Applications;

/// <summary>
/// <c>app-credential-long-lived</c>: a client secret or certificate of an application or service principal, valid at
/// the reference time, that never expires or is valid for longer than <c>--credential-lifetime-days</c>.
/// </summary>
public sealed class AppCredentialLongLivedRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "app-credential-long-lived",
        "Application credential valid for too long",
        "credential-hygiene",
        Severity.Medium,
        "A client secret or certificate of an application registration or service principal has no end date, or is valid (from its start to its end date) for longer than the threshold (default 365 days). A leaked long-lived credential signs in as the application for years, and one that is never rotated is one nobody knows how to rotate. High when the application's service principal holds a high-risk application permission or an administrator role. Managed identities, Microsoft's own service principals, SAML token signing certificates and token encryption certificates are left out.",
        "Replace the credential with a short-lived one (Microsoft recommends secrets valid for less than a year) and automate its rotation, or better, remove it: use a managed identity, a federated identity credential (workload identity federation), or a certificate kept in Key Vault. An application management policy can cap the lifetime of new secrets and certificates for the whole tenant.",
        ["entra"],
        ["https://learn.microsoft.com/en-us/entra/identity-platform/security-best-practices-for-app-registration#credential-management", "https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/tutorial-enforce-secret-standards", "https://learn.microsoft.com/en-us/graph/api/resources/passwordcredential"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        var reference = microsoft.ReferenceTime;
        var limit = context.Settings.CredentialLifetimeDays;
        foreach (var credential in ApplicationCredentials.Of(microsoft).Where(c => c.IsValidAt(reference)))
        {
            var lifetime = Lifetime(credential, reference);
            if (lifetime <= TimeSpan.FromDays(limit))
            {
                continue;
            }

            var holdings = ServicePrincipalHoldings.Of(microsoft, credential.ServicePrincipal);
            var validity = credential.End is not { } end ? "has no end date: it never expires"
                : credential.Start is { } start ? $"is valid from {Elapsed.Day(start)} to {Elapsed.Day(end)}, {Elapsed.Days(Days(end - start))}{Years(end - start)}"
                : $"has no start date and is valid until {Elapsed.Day(end)}, {Elapsed.Days(Days(end - reference))}{Years(end - reference)} after the reference time";
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = holdings.IsPowerful ? Severity.High : Severity.Medium,
                Provider = "entra",
                Account = microsoft.TenantId,
                Principal = credential.ObjectId,
                PrincipalName = credential.ObjectName,
                Title = credential.End is null
                    ? $"The {credential.Kind} `{credential.DisplayName ?? credential.KeyId}` of `{credential.Name}` never expires"
                    : $"The {credential.Kind} `{credential.DisplayName ?? credential.KeyId}` of `{credential.Name}` is valid for {Elapsed.Days(Days(lifetime))}{Years(lifetime)}",
                Explanation = $"The {credential.Description} of the {credential.Owner} {validity}. "
                    + $"Credentials valid for longer than {Elapsed.Days(limit)} (--credential-lifetime-days) are reported; {Elapsed.Reference(context)}. "
                    + ApplicationCredentials.Signer(credential, holdings),
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, credential.ObjectId, credential.KeyId ?? credential.DisplayName ?? string.Empty),
            };
        }
    }

    /// <summary>
    /// How long the credential is valid: end minus start; without a start, what is left after the reference time;
    /// without an end, forever (<see cref="TimeSpan.MaxValue"/>).
    /// </summary>
    private static TimeSpan Lifetime(ApplicationCredential credential, DateTimeOffset reference) => (credential.Start, credential.End) switch
    {
        (_, null) => TimeSpan.MaxValue,
        ({ } start, { } end) => end - start,
        (null, { } end) => end - reference,
    };

    private static int Days(TimeSpan span) => (int)Math.Floor(span.TotalDays);

    private static string Years(TimeSpan span) => span.TotalDays >= 730 ? $" (about {(span.TotalDays / 365.25).ToString("N0", CultureInfo.InvariantCulture)} years)" : string.Empty;
}
