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

    /// <summary>
    /// When IAM began recording an access key's last use (<c>AccessKeyLastUsed</c>): <c>N/A</c> for a key created
    /// before it means no use recorded since then, not never used.
    /// </summary>
    public static readonly DateTimeOffset KeyUseTrackingStart = new(2015, 4, 22, 0, 0, 0, TimeSpan.Zero);

    /// <summary><c>access key 2 (created 2020-02-03, never used)</c>-style description of a key's dates.</summary>
    public static string Describe(Credential key, DateTimeOffset reference)
    {
        var created = key.Created is { } at ? $"created {Elapsed.Ago(at, reference)}" : "creation date unknown";
        return $"{key.Name} ({created}, {KeyUse(key, reference)}{Where(key)})";
    }

    /// <summary>An access key's last use, as the report words it: a date, or none since the key was created (or since IAM began tracking).</summary>
    public static string KeyUse(Credential key, DateTimeOffset reference) => key.LastUsed.State switch
    {
        UseState.Recorded => $"last used {Elapsed.Ago(key.LastUsed.At!.Value, reference)}",
        UseState.Never or UseState.BeforeTracking when key.Created >= KeyUseTrackingStart => "never used",
        UseState.Never or UseState.BeforeTracking when key.Created is not null => "no use recorded since IAM began tracking key use on 2015-04-22",
        UseState.Never or UseState.BeforeTracking => "no use recorded",
        _ => "last use unknown",
    };

    /// <summary>When IAM began recording passwords' last use: <c>no_information</c> says no sign-in since then.</summary>
    public static readonly DateTimeOffset PasswordUseTrackingStart = new(2014, 10, 20, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A password's last use, for a user known to have one: a date; <c>no_information</c>, not used since IAM began
    /// tracking sign-ins (2014-10-20), which is never for a user created since; <c>N/A</c>, which AWS writes for a user
    /// with no password at all.
    /// </summary>
    public static string PasswordUse(CredentialReportEntry entry, DateTimeOffset reference) => entry.PasswordLastUsed.State switch
    {
        UseState.Recorded => $"last used {Elapsed.Ago(entry.PasswordLastUsed.At!.Value, reference)}",
        UseState.BeforeTracking when entry.Created >= PasswordUseTrackingStart => "never used (`no_information`)",
        UseState.BeforeTracking => "not used since IAM began tracking sign-ins on 2014-10-20 (`no_information`)",
        UseState.Never => "no use recorded",
        _ => "last use unknown",
    };

    /// <summary>The user's password and its last use: <c>password last used …</c>, <c>password never used …</c>, or <c>no password</c>.</summary>
    public static string Password(CredentialReportEntry entry, DateTimeOffset reference) => entry switch
    {
        // The root user's line says `not_supported` for password_enabled: its N/A does not tell whether it has one.
        { IsRoot: true, PasswordLastUsed.State: UseState.Never } => "no password sign-in recorded (`password_last_used` is `N/A`)",

        // N/A is what AWS writes for a user with no password at all.
        { PasswordLastUsed.State: UseState.Never, PasswordEnabled: not true } => "no password",
        { PasswordLastUsed.State: UseState.Recorded, PasswordEnabled: false } => $"password last used {Elapsed.Ago(entry.PasswordLastUsed.At!.Value, reference)}, since removed",
        _ => $"password {PasswordUse(entry, reference)}",
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
