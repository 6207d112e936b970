namespace Ward.Analysis.Rules.Applications;

/// <summary>
/// <c>app-secret-credential</c>: an application registration or service principal holding a client secret valid at the
/// reference time, whose service principal has access of its own (an application permission, a directory role or an
/// Azure role): a workload that signs in as itself, where a certificate, a federated credential or a managed identity
/// would do.
/// </summary>
public sealed class AppSecretCredentialRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "app-secret-credential",
        "Workload signs in with a client secret",
        "credential-hygiene",
        Severity.Medium,
        "An application registration or service principal holds a valid client secret, and its service principal holds access of its own, without a signed-in user: an application permission, a directory role or an Azure role. A secret is a password: it is copied into configuration files, pipelines and scripts, leaks with them, and anyone who has it signs in as the application from anywhere. Microsoft recommends certificates over secrets, and no stored credential at all where a managed identity or workload identity federation can be used. High when the service principal holds a high-risk application permission or an administrator role. Applications whose service principal holds only delegated permissions (a web application signing users in) are not reported.",
        "Run the workload with a managed identity (in Azure) or a federated identity credential (GitHub Actions, Kubernetes, other clouds), or replace the secret with a certificate kept in Key Vault; then delete the secret. An application management policy can forbid new secrets tenant-wide.",
        ["entra"],
        ["https://learn.microsoft.com/en-us/entra/identity-platform/security-best-practices-for-app-registration#credential-management", "https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation", "https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/tutorial-enforce-secret-standards"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        var reference = microsoft.ReferenceTime;
        var secretsByObject = ApplicationCredentials.Of(microsoft)
            .Where(c => c.IsSecret && c.IsValidAt(reference) && c.ServicePrincipal is not null)
            .GroupBy(c => c.ObjectId, StringComparer.OrdinalIgnoreCase);
        foreach (var secrets in secretsByObject)
        {
            var first = secrets.First();
            var holdings = ServicePrincipalHoldings.Of(microsoft, first.ServicePrincipal);
            if (!holdings.HasAppOnlyAccess)
            {
                continue;
            }

            var count = secrets.Count();
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = holdings.IsPowerful ? Severity.High : Severity.Medium,
                Provider = "entra",
                Account = microsoft.TenantId,
                Principal = first.ObjectId,
                PrincipalName = first.ObjectName,
                Title = $"`{first.Name}` signs in as itself with {(count == 1 ? "a client secret" : $"{count} client secrets")}",
                Explanation = $"The {first.Owner} holds {string.Join(", ", secrets.Select(s => $"{s.Description}{(s.End is { } end ? $", valid until {Elapsed.Day(end)}" : ", without an end date")}"))}. "
                    + ApplicationCredentials.Signer(first, holdings)
                    + " Access of its own, without a user, is what workloads use secrets for; a certificate, a federated credential or a managed identity would do without a password.",
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, first.ObjectId),
            };
        }
    }
}
