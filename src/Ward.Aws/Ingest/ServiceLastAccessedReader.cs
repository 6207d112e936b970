using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using Ward.Aws.Estate;
using Ward.Core.Diagnostics;
using Ward.Core.Model;

namespace Ward.Aws.Ingest;

/// <summary>
/// Reads service last accessed data: the output of <c>aws iam get-service-last-accessed-details --job-id …</c> for one
/// user or role, which does not name the principal, wrapped by the exporter as
/// <c>{"Arn": "&lt;principal ARN&gt;", "ServiceLastAccessed": &lt;CLI output&gt;}</c>; a file holds one such object or an
/// array of them (docs/formats/aws.md). Only completed jobs are used; anything else is reported.
/// </summary>
public static class ServiceLastAccessedReader
{
    private static readonly FrozenSet<string> WrapperFields = new[] { "Arn", "ServiceLastAccessed" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> JobFields = new[]
    {
        "JobStatus", "JobType", "JobCreationDate", "JobCompletionDate", "ServicesLastAccessed", "IsTruncated", "Marker", "Error", "ResponseMetadata",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> ServiceFields = new[]
    {
        "ServiceName", "ServiceNamespace", "LastAuthenticated", "LastAuthenticatedEntity", "LastAuthenticatedRegion", "TotalAuthenticatedEntities", "TrackedActionsLastAccessed",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Whether a JSON document is service last accessed data: a wrapper object, an array of them, or (to be reported as
    /// unusable) the bare CLI output without the principal's ARN.
    /// </summary>
    public static bool Recognizes(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Object => root.TryGetProperty("ServiceLastAccessed", out _) || (root.TryGetProperty("ServicesLastAccessed", out _) && root.TryGetProperty("JobStatus", out _)),
        JsonValueKind.Array => root.GetArrayLength() > 0 && root.EnumerateArray().All(item => item.ValueKind == JsonValueKind.Object && item.TryGetProperty("ServiceLastAccessed", out _)),
        _ => false,
    };

    public static ImmutableArray<ServiceLastAccessedReport> Read(JsonElement root, string file, DiagnosticBag diagnostics)
    {
        var json = new JsonReading(file, diagnostics);
        var reports = ImmutableArray.CreateBuilder<ServiceLastAccessedReport>();
        if (root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("ServiceLastAccessed", out _))
        {
            json.Report(IngestDiagnosticCodes.ServiceLastAccessedNoPrincipal, DiagnosticSeverity.Error, "this is `get-service-last-accessed-details` output without the user or role it describes; wrap it as `{\"Arn\": \"<principal ARN>\", \"ServiceLastAccessed\": <output>}` (see docs/formats/aws.md). Not used", JsonPath.Root);
            return [];
        }

        var items = root.ValueKind == JsonValueKind.Array
            ? root.EnumerateArray().Select((item, index) => (Item: item, Path: JsonPath.Index(JsonPath.Root, index)))
            : [(root, JsonPath.Root)];
        foreach (var (item, path) in items)
        {
            if (ReadOne(item, path, json) is { } report)
            {
                reports.Add(report);
            }
        }

        return reports.ToImmutable();
    }

    private static ServiceLastAccessedReport? ReadOne(JsonElement wrapper, string path, JsonReading json)
    {
        json.CheckFields(wrapper, path, "a service last accessed entry", WrapperFields);
        var arn = json.String(wrapper, "Arn", path, required: true);
        if (arn is null || !TryPrincipalAccount(arn, out var account))
        {
            if (arn is not null)
            {
                json.Report(IngestDiagnosticCodes.ServiceLastAccessedNoPrincipal, DiagnosticSeverity.Error, $"`{arn}` is not the ARN of an IAM user or role; the entry was skipped", JsonPath.Property(path, "Arn"));
            }

            return null;
        }

        var jobPath = JsonPath.Property(path, "ServiceLastAccessed");
        if (!wrapper.TryGetProperty("ServiceLastAccessed", out var job) || job.ValueKind != JsonValueKind.Object)
        {
            json.Report(IngestDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`ServiceLastAccessed` of `{arn}` must be the object `get-service-last-accessed-details` prints; the entry was skipped", jobPath);
            return null;
        }

        json.CheckFields(job, jobPath, "service last accessed output", JobFields);
        var status = json.String(job, "JobStatus", jobPath, required: true);
        switch (status)
        {
            case "COMPLETED":
                break;
            case "IN_PROGRESS":
                json.Report(IngestDiagnosticCodes.ServiceLastAccessedJobNotCompleted, DiagnosticSeverity.Warning, $"the job for `{arn}` was still `IN_PROGRESS` when it was saved: it holds no data (poll until `COMPLETED`); not used", JsonPath.Property(jobPath, "JobStatus"));
                return null;
            case "FAILED":
                var reason = job.TryGetProperty("Error", out var error) && error.ValueKind == JsonValueKind.Object ? json.String(error, "Message", JsonPath.Property(jobPath, "Error")) : null;
                json.Report(IngestDiagnosticCodes.ServiceLastAccessedJobNotCompleted, DiagnosticSeverity.Error, $"the job for `{arn}` `FAILED`{(reason is null ? string.Empty : $" (`{reason}`)")}; not used", JsonPath.Property(jobPath, "JobStatus"));
                return null;
            case null:
                return null;
            default:
                json.Report(IngestDiagnosticCodes.ServiceLastAccessedJobNotCompleted, DiagnosticSeverity.Error, $"unknown `JobStatus` `{status}` for `{arn}`; not used", JsonPath.Property(jobPath, "JobStatus"));
                return null;
        }

        if (!job.TryGetProperty("ServicesLastAccessed", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            json.Report(IngestDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"the completed job for `{arn}` has no `ServicesLastAccessed` array; not used", jobPath);
            return null;
        }

        var truncated = JsonReading.Boolean(job, "IsTruncated");
        if (truncated)
        {
            json.Report(IngestDiagnosticCodes.ServiceLastAccessedTruncated, DiagnosticSeverity.Warning, $"the services of `{arn}` are cut off (`IsTruncated: true`): services on later pages (`--marker`) are not analysed", JsonPath.Property(jobPath, "IsTruncated"));
        }

        var services = ImmutableArray.CreateBuilder<ServiceAccess>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (service, servicePath) in json.Objects(job, "ServicesLastAccessed", jobPath))
        {
            json.CheckFields(service, servicePath, "a service", ServiceFields);
            var name = json.String(service, "ServiceNamespace", servicePath, required: true);
            if (name is null)
            {
                continue;
            }

            if (!seen.Add(name))
            {
                json.Report(IngestDiagnosticCodes.ServiceLastAccessedDuplicate, DiagnosticSeverity.Warning, $"service `{name}` is listed twice for `{arn}`; the first is used", servicePath);
                continue;
            }

            var hasDate = service.TryGetProperty("LastAuthenticated", out var dateElement) && dateElement.ValueKind != JsonValueKind.Null;
            var date = json.Date(service, "LastAuthenticated", servicePath);
            services.Add(new ServiceAccess
            {
                Service = name,
                DisplayName = json.String(service, "ServiceName", servicePath),
                LastUsed = date is { } at ? LastUse.On(at) : hasDate ? LastUse.Unknown : LastUse.Never,
                LastUsedRegion = json.String(service, "LastAuthenticatedRegion", servicePath),
            });
        }

        return new ServiceLastAccessedReport
        {
            PrincipalArn = arn,
            Account = account,
            File = json.File,
            Location = json.At(path),
            JobCreated = json.Date(job, "JobCreationDate", jobPath),
            JobCompleted = json.Date(job, "JobCompletionDate", jobPath),
            IsTruncated = truncated,
            Services = services.ToImmutable(),
        };
    }

    private static bool TryPrincipalAccount(string arn, out string account)
    {
        var parts = arn.Split(':', 6);
        account = parts.Length == 6 ? parts[4] : string.Empty;
        return parts.Length == 6 && parts[0] == "arn" && parts[2] == "iam" && account.Length == 12 && account.All(char.IsAsciiDigit)
            && (parts[5].StartsWith("user/", StringComparison.Ordinal) || parts[5].StartsWith("role/", StringComparison.Ordinal));
    }
}
