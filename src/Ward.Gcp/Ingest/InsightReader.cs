using System.Collections.Immutable;
using System.Globalization;
using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Reads IAM Recommender insights as <c>gcloud recommender insights list --insight-type=TYPE --location=global
/// --format=json</c> prints them: <c>google.iam.serviceAccount.Insight</c> (an unused service account) and
/// <c>google.iam.policy.Insight</c> (the permissions of a role binding used during the observation period). Other
/// insight types are noted and skipped.
/// </summary>
internal static class InsightReader
{
    public const string ServiceAccountType = "google.iam.serviceAccount.Insight";
    public const string PolicyType = "google.iam.policy.Insight";

    /// <summary>Whether a name is an insight's: <c>…/locations/L/insightTypes/TYPE/insights/ID</c>.</summary>
    public static bool IsInsightName(string name) => TypeOf(name) is not null;

    /// <summary>Reads the insight into the list of its type.</summary>
    public static void Read(GcpEntry entry, GcpJson json, ReadEntries entries)
    {
        var name = json.String(entry, "name")!;
        switch (TypeOf(name))
        {
            case ServiceAccountType:
                if (ReadServiceAccountInsight(entry, name, json) is { } account)
                {
                    entries.ServiceAccountInsights.Add(account);
                }

                break;
            case PolicyType:
                if (ReadPolicyInsight(entry, name, json) is { } policy)
                {
                    entries.PolicyInsights.Add(policy);
                }

                break;
            case var other:
                json.Report(GcpDiagnosticCodes.NotRead, DiagnosticSeverity.Info, $"insight type `{other}` is not read (only `{ServiceAccountType}` and `{PolicyType}`); skipped", entry.Path);
                break;
        }
    }

    private static ServiceAccountInsight? ReadServiceAccountInsight(GcpEntry entry, string name, GcpJson json)
    {
        if (json.Object(entry, "content") is not { } content)
        {
            json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"insight `{name}` has no `content`: which service account it is about is unknown; skipped", entry.Path);
            return null;
        }

        if (json.String(content, "email", requiredBy: "a service account insight's content") is not { } email)
        {
            return null;
        }

        return new ServiceAccountInsight
        {
            Name = name,
            Email = email,
            UniqueId = json.Identifier(content, "serviceAccountId"),
            LastAuthenticated = json.Date(content, "lastAuthenticatedTime"),
            LastRefresh = json.Date(entry, "lastRefreshTime"),
            ObservationPeriod = Duration(entry, json),
            State = State(entry, json),
            Location = json.At(entry.Path),
        };
    }

    private static PolicyInsight? ReadPolicyInsight(GcpEntry entry, string name, GcpJson json)
    {
        if (json.Object(entry, "content") is not { } content)
        {
            json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"insight `{name}` has no `content`: which binding it is about is unknown; skipped", entry.Path);
            return null;
        }

        if (json.String(content, "member", requiredBy: "a policy insight's content") is not { } member || json.String(content, "role", requiredBy: "a policy insight's content") is not { } role)
        {
            return null;
        }

        int? total = null;
        if (json.Identifier(content, "currentTotalPermissionsCount") is { } count)
        {
            if (int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                total = parsed;
            }
            else
            {
                content.TryGet("currentTotalPermissionsCount", out _, out var path);
                json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"`currentTotalPermissionsCount` is not a count: `{count}`; read as unknown", path);
            }
        }

        // Google writes `"condition": {"expression": "", "title": "", …}` for a binding without a condition.
        BindingCondition? condition = json.Object(content, "condition") is { } c && json.String(c, "expression") is { } expression && !string.IsNullOrWhiteSpace(expression)
            ? new BindingCondition { Expression = expression, Title = json.String(c, "title") }
            : null;
        return new PolicyInsight
        {
            Name = name,
            Member = member,
            Role = role,
            TargetResources = json.Strings(entry, "targetResources"),
            ExercisedPermissions = Permissions(content, "exercisedPermissions", json),
            InferredPermissions = Permissions(content, "inferredPermissions", json),
            TotalPermissions = total,
            Condition = condition,
            LastRefresh = json.Date(entry, "lastRefreshTime"),
            ObservationPeriod = Duration(entry, json),
            State = State(entry, json),
            Location = json.At(entry.Path),
        };
    }

    private static ImmutableArray<string> Permissions(GcpEntry content, string field, GcpJson json) =>
        [.. json.Objects(content, field).Select(p => json.String(p, "permission")).OfType<string>()];

    private static string? State(GcpEntry entry, GcpJson json) => json.Object(entry, "stateInfo") is { } info ? json.String(info, "state") : null;

    /// <summary>A protobuf duration as JSON writes it, <c>"7776000s"</c>.</summary>
    private static TimeSpan? Duration(GcpEntry entry, GcpJson json)
    {
        if (json.String(entry, "observationPeriod") is not { } text)
        {
            return null;
        }

        if (text.EndsWith('s') && double.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds < TimeSpan.MaxValue.TotalSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        entry.TryGet("observationPeriod", out _, out var path);
        json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"`observationPeriod` is not a duration in seconds (`7776000s`): `{text}`; read as unknown", path);
        return null;
    }

    private static string? TypeOf(string name) =>
        name.Split('/') is [_, { Length: > 0 }, "locations", { Length: > 0 }, "insightTypes", { Length: > 0 } type, "insights", { Length: > 0 }] ? type : null;
}
