using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Reads an activity of <c>gcloud policy-intelligence query-activity --activity-type=serviceAccountLastAuthentication</c>
/// (or <c>serviceAccountKeyLastAuthentication</c>) <c>--project=P --format=json</c>: <c>fullResourceName</c>,
/// <c>activityType</c>, <c>activity</c> (<c>lastAuthenticatedTime</c>, and <c>serviceAccount</c> or
/// <c>serviceAccountKey</c> with <c>serviceAccountId</c>) and <c>observationPeriod</c> (<c>startTime</c>, <c>endTime</c>).
/// </summary>
internal static class ActivityReader
{
    private const string AccountActivity = "serviceAccountLastAuthentication";
    private const string KeyActivity = "serviceAccountKeyLastAuthentication";
    private const string Prefix = "//iam.googleapis.com/";

    public static AuthenticationActivity? Read(GcpEntry entry, GcpJson json)
    {
        var type = json.String(entry, "activityType");
        if (type is not (AccountActivity or KeyActivity))
        {
            json.Report(GcpDiagnosticCodes.NotRead, DiagnosticSeverity.Info, $"activity type `{type}` is not read (only `{AccountActivity}` and `{KeyActivity}`); skipped", entry.Path);
            return null;
        }

        if (json.String(entry, "fullResourceName", requiredBy: "an activity") is not { } name)
        {
            return null;
        }

        var key = type == KeyActivity;
        var parts = name.StartsWith(Prefix, StringComparison.Ordinal) ? name[Prefix.Length..].Split('/') : [];
        var (project, account, keyId) = parts switch
        {
            ["projects", { Length: > 0 } p, "serviceAccounts", { Length: > 0 } a] when !key => (p, a, (string?)null),
            ["projects", { Length: > 0 } p, "serviceAccounts", { Length: > 0 } a, "keys", { Length: > 0 } k] when key => (p, a, k),
            _ => (null, null, null),
        };
        if (project is null || account is null)
        {
            entry.TryGet("fullResourceName", out _, out var path);
            var form = key ? "//iam.googleapis.com/projects/P/serviceAccounts/ACCOUNT/keys/KEY_ID" : "//iam.googleapis.com/projects/P/serviceAccounts/ACCOUNT";
            json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{name}` is not the full name of a {(key ? "service account key" : "service account")} (`{form}`), as a `{type}` activity names one; skipped", path);
            return null;
        }

        var activity = json.Object(entry, "activity");
        var subject = activity is { } a2 ? json.Object(a2, key ? "serviceAccountKey" : "serviceAccount") : null;
        var period = json.Object(entry, "observationPeriod");
        return new AuthenticationActivity
        {
            FullResourceName = name,
            Project = project,
            ServiceAccount = account,
            ServiceAccountUniqueId = subject is { } s ? json.Identifier(s, "serviceAccountId") : null,
            KeyId = keyId,
            LastAuthenticated = activity is { } found ? json.Date(found, "lastAuthenticatedTime") : null,
            ObservationStart = period is { } start ? json.Date(start, "startTime") : null,
            ObservationEnd = period is { } end ? json.Date(end, "endTime") : null,
            Location = json.At(entry.Path),
        };
    }
}
