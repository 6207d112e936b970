using System.Globalization;
using System.Text;
using System.Text.Json;
using Ward.Aws.Ingest;

namespace Ward.Analysis.Tests.Testing;

/// <summary>
/// A small account written in the real export formats (GAAD JSON, credential report CSV or CLI JSON, wrapped service
/// last accessed output), loaded by the real loader and scanned by the real scanner.
/// </summary>
internal sealed class TestEstate
{
    public const string Account = "123456789012";

    public const string Header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    private readonly List<ReportLine> _lines = [];
    private readonly List<object> _roles = [];
    private readonly List<object> _serviceData = [];

    public static DateTimeOffset ReferenceTime { get; } = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    /// <summary>Whether a credential report is written at all.</summary>
    public bool WithCredentialReport { get; init; } = true;

    /// <summary>Whether the report gets the root user's line (IAM always writes one); when true and none was given, a default one.</summary>
    public bool WithRootLine { get; init; } = true;

    /// <summary>Write the report in the CLI JSON form with this <c>GeneratedTime</c>; null writes the decoded CSV.</summary>
    public string? GeneratedTime { get; init; }

    public static string RoleArn(string name, string path = "/") => $"arn:aws:iam::{Account}:role{path}{name}";

    public TestEstate With(params ReportLine[] lines)
    {
        _lines.AddRange(lines);
        return this;
    }

    /// <summary>A role created <paramref name="createdDaysAgo"/> days before the reference time, last used <paramref name="usedDaysAgo"/> days before it (null: <c>RoleLastUsed</c> is <c>{}</c>).</summary>
    public TestEstate Role(string name, int createdDaysAgo, int? usedDaysAgo, string path = "/", bool admin = false) =>
        RoleWithLastUsed(name, createdDaysAgo, usedDaysAgo is { } used ? $$"""{"LastUsedDate":"{{ReportLine.DaysAgo(used)}}","Region":"eu-west-1"}""" : "{}", path, admin);

    /// <summary>A role whose <c>RoleLastUsed</c> is the JSON given, or absent when it is null.</summary>
    public TestEstate RoleWithLastUsed(string name, int createdDaysAgo, string? roleLastUsed, string path = "/", bool admin = false)
    {
        var role = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["Path"] = path,
            ["RoleName"] = name,
            ["RoleId"] = "AROA" + name.Length.ToString("D17", CultureInfo.InvariantCulture),
            ["Arn"] = RoleArn(name, path),
            ["CreateDate"] = ReportLine.DaysAgo(createdDaysAgo),
            ["AssumeRolePolicyDocument"] = JsonDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""").RootElement,
            ["InstanceProfileList"] = Array.Empty<object>(),
            ["RolePolicyList"] = admin ? [AdminPolicy()] : Array.Empty<object>(),
            ["AttachedManagedPolicies"] = Array.Empty<object>(),
            ["Tags"] = Array.Empty<object>(),
        };
        if (roleLastUsed is not null)
        {
            role["RoleLastUsed"] = JsonDocument.Parse(roleLastUsed).RootElement;
        }

        _roles.Add(role);
        return this;
    }

    /// <summary>Service last accessed data for a principal: each service with the days since its last use (null: none recorded).</summary>
    public TestEstate ServiceData(string arn, params (string Namespace, int? UsedDaysAgo)[] services)
    {
        _serviceData.Add(new
        {
            Arn = arn,
            ServiceLastAccessed = new
            {
                JobStatus = "COMPLETED",
                JobType = "SERVICE_LEVEL",
                JobCreationDate = ReportLine.DaysAgo(0.01),
                ServicesLastAccessed = services.Select(s => s.UsedDaysAgo is { } used
                    ? new { ServiceName = "Service " + s.Namespace, LastAuthenticated = ReportLine.DaysAgo(used), ServiceNamespace = s.Namespace, LastAuthenticatedEntity = arn, LastAuthenticatedRegion = "eu-west-1", TotalAuthenticatedEntities = 1 }
                    : (object)new { ServiceName = "Service " + s.Namespace, ServiceNamespace = s.Namespace, TotalAuthenticatedEntities = 0 }).ToArray(),
                JobCompletionDate = ReportLine.DaysAgo(0.005),
                IsTruncated = false,
            },
        });
        return this;
    }

    /// <summary>Writes the files, loads them and scans at the reference time (or <paramref name="asOf"/>) with the settings given.</summary>
    public ScanResult Scan(DateTimeOffset? asOf = null, AnalysisSettings? settings = null)
    {
        var lines = _lines.Any(l => l.IsRoot) || !WithRootLine ? _lines : [ReportLine.Root(), .. _lines];
        var users = lines.Where(l => !l.IsRoot).Select(l => new
        {
            Path = "/",
            UserName = l.User,
            UserId = "AIDA" + l.User.Length.ToString("D17", CultureInfo.InvariantCulture),
            l.Arn,
            CreateDate = l.Created,
            UserPolicyList = l.Admin ? [AdminPolicy()] : Array.Empty<object>(),
            GroupList = Array.Empty<string>(),
            AttachedManagedPolicies = Array.Empty<object>(),
            Tags = Array.Empty<object>(),
        });
        var gaad = new { UserDetailList = users.ToArray(), GroupDetailList = Array.Empty<object>(), RoleDetailList = _roles, Policies = Array.Empty<object>() };
        var csv = string.Join('\n', [Header, .. lines.Select(l => l.Csv)]);
        var files = new List<(string Name, string Text)> { ("gaad.json", JsonSerializer.Serialize(gaad)) };
        if (WithCredentialReport)
        {
            files.Add(GeneratedTime is null
                ? ("credential-report.csv", csv)
                : ("credential-report.json", JsonSerializer.Serialize(new { Content = Convert.ToBase64String(Encoding.UTF8.GetBytes(csv)), ReportFormat = "text/csv", GeneratedTime })));
        }

        if (_serviceData.Count > 0)
        {
            files.Add(("service-last-accessed.json", JsonSerializer.Serialize(_serviceData)));
        }

        using var folder = new ScratchFolder(files);
        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(estate.Diagnostics, d => d.Severity == Core.Diagnostics.DiagnosticSeverity.Error);
        return Scanner.Scan(estate, asOf ?? ReferenceTime, settings ?? AnalysisSettings.Default, cancellationToken: TestContext.Current.CancellationToken);
    }

    private static object AdminPolicy() => new
    {
        PolicyName = "administrator",
        PolicyDocument = JsonDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""").RootElement,
    };
}

/// <summary>Reading a scan's findings in tests.</summary>
internal static class ScanResults
{
    public static List<Finding> Of(this ScanResult result, string ruleId) => [.. result.Findings.Where(f => f.RuleId == ruleId)];
}
