using Ward.Gcp.Edges;
using Ward.Gcp.Iam;

namespace Ward.Analysis.Rules.Credentials;

/// <summary>
/// <c>gcp-user-managed-service-account-key</c>: a service account has an enabled, unexpired user-managed key at the
/// reference time. Medium once it is <c>--key-age-days</c> old (default 90), low before; one level higher when the
/// account is owner-equivalent of a container.
/// </summary>
public sealed class GcpUserManagedServiceAccountKeyRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "gcp-user-managed-service-account-key",
        "User-managed service account key",
        "credential-hygiene",
        Severity.Medium,
        "A user-managed key is a long-lived credential of a service account whose private part sits wherever it was downloaded to (a laptop, CI settings, a repository). Unless an expiry policy limits it, it works until someone deletes it, and a leaked copy is the account. Keys older than --key-age-days (default 90) are medium, younger ones low; one level higher for an owner-equivalent account.",
        "Replace the key with short-lived credentials: attach the account to the workload, use workload identity federation from outside Google Cloud, or impersonation for people. If a key must stay, rotate it and set the organization policy constraint `iam.serviceAccountKeyExpiryHours`; enforce `iam.disableServiceAccountKeyCreation` where keys are not needed.",
        ["gcp"],
        ["https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys", "https://cloud.google.com/iam/docs/migrate-from-service-account-keys"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Gcp is not { } gcp)
        {
            yield break;
        }

        var reference = context.ReferenceTime;
        var days = context.Settings.KeyAgeDays;
        foreach (var key in gcp.Estate.ServiceAccountKeys.OrderBy(k => k.Name, StringComparer.Ordinal))
        {
            if (key.KeyType != ServiceAccountKeyType.UserManaged || key.Disabled || key.ValidBeforeTime <= reference || key.ValidAfterTime > reference)
            {
                continue;
            }

            var account = gcp.Estate.FindServiceAccount(key.ServiceAccount);
            if (account is { Disabled: true })
            {
                continue;
            }

            var email = account?.Email ?? key.ServiceAccount;
            var principal = GcpPrincipals.ServiceAccountId(email);
            var old = key.ValidAfterTime is { } created && Elapsed.AtLeast(created, reference, days);
            var owner = gcp.Graph.Node(principal)?.AdminReason;
            var severity = (old, owner is not null) switch
            {
                (true, true) => Severity.High,
                (true, false) or (false, true) => Severity.Medium,
                _ => Severity.Low,
            };
            var age = key.ValidAfterTime is { } since ? $"was created {Elapsed.Ago(since, reference)}" : "has no creation time in the export";
            var expiry = key.ValidBeforeTime is { Year: < 9999 } until ? $"expires {Elapsed.Day(until)}" : "never expires";
            var uploaded = key.KeyOrigin == "USER_PROVIDED" ? " Its public key was uploaded: the private key was made outside Google." : string.Empty;
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = severity,
                Provider = "gcp",
                Account = account?.ProjectId is { } project ? "projects/" + project : key.Project,
                Principal = principal,
                Title = old ? $"`{email}` has a user-managed key {Elapsed.Days(Elapsed.DaysBefore(key.ValidAfterTime!.Value, reference))} old" : $"`{email}` has a user-managed key",
                Explanation = $"Key `{key.KeyId}` of `{email}` is user-managed, enabled, {age} and {expiry}.{uploaded}"
                    + (owner is null ? string.Empty : $" The account {owner}, so the key is a credential of an owner.")
                    + $" Keys older than {Elapsed.Days(days)} (--key-age-days) are medium; {Elapsed.Reference(context)}.",
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, key.Name),
            };
        }
    }
}
