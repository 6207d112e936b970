using Ward.Aws.Estate;
using Ward.Core.Model;

namespace Ward.Analysis.Rules.Credentials;

/// <summary>The credential report lines rules read, and the finding shape they share.</summary>
internal static class CredentialEntries
{
    /// <summary>Every line of every account's credential report, by account then ARN. Accounts without a report have none.</summary>
    public static IEnumerable<CredentialReportEntry> All(AnalysisContext context) =>
        context.Estate.Accounts
            .Where(a => a.CredentialReport is not null)
            .SelectMany(a => a.CredentialReport!.Entries.OrderBy(e => e.Arn, StringComparer.Ordinal));

    public static IEnumerable<CredentialReportEntry> Users(AnalysisContext context) => All(context).Where(e => !e.IsRoot);

    public static IEnumerable<CredentialReportEntry> Roots(AnalysisContext context) => All(context).Where(e => e.IsRoot);

    /// <summary>Whether the credential existed at the reference time (it was not created after it).</summary>
    public static bool ExistedAt(Credential credential, DateTimeOffset reference) => credential.Created is not { } created || created <= reference;

    /// <summary><c>access key 2 (created 2020-02-03, never used)</c>-style description of a key's dates.</summary>
    public static string Describe(Credential key, DateTimeOffset reference)
    {
        var created = key.Created is { } at ? $"created {Elapsed.Ago(at, reference)}" : "creation date unknown";
        return $"{key.Name} ({created}, {Use(key.LastUsed, reference)}{Where(key)})";
    }

    public static string Use(LastUse use, DateTimeOffset reference) => use.State switch
    {
        UseState.Recorded => $"last used {Elapsed.Ago(use.At!.Value, reference)}",
        UseState.Never => "never used",
        UseState.BeforeTracking => "not used since IAM began tracking (October 2014)",
        _ => "last use unknown",
    };

    public static Finding Create(RuleMetadata metadata, CredentialReportEntry entry, Severity severity, string title, string explanation, params string[] discriminators) => new()
    {
        RuleId = metadata.Id,
        Category = metadata.Category,
        Severity = severity,
        Provider = "aws",
        Account = entry.Account,
        Principal = entry.Arn,
        Title = title,
        Explanation = explanation,
        Remediation = metadata.Remediation,
        References = metadata.References,
        Fingerprint = Finding.FingerprintOf([metadata.Id, entry.Arn, .. discriminators]),
    };

    private static string Where(Credential key) =>
        key.LastUsed.State == UseState.Recorded && (key.LastUsedService ?? key.LastUsedRegion) is not null
            ? $" for {key.LastUsedService ?? "an unknown service"}{(key.LastUsedRegion is { } region ? $" in {region}" : string.Empty)}"
            : string.Empty;
}
