using System.Text.Json;
using Ward.Aws.Estate;
using Ward.Aws.Ingest;
using Ward.Aws.Tests.Testing;
using Ward.Core.Diagnostics;
using Ward.Core.Model;

namespace Ward.Aws.Tests.Ingest;

public sealed class ServiceLastAccessedReaderTests
{
    /// <summary>`aws iam get-service-last-accessed-details --job-id …` for one user, as the CLI v2 prints it.</summary>
    private const string CliOutput = """
        {
            "JobStatus": "COMPLETED",
            "JobType": "SERVICE_LEVEL",
            "JobCreationDate": "2026-03-16T09:14:09.233000+00:00",
            "ServicesLastAccessed": [
                {
                    "ServiceName": "AWS Identity and Access Management",
                    "ServiceNamespace": "iam",
                    "TotalAuthenticatedEntities": 0
                },
                {
                    "ServiceName": "Amazon S3",
                    "LastAuthenticated": "2026-03-16T03:12:00+00:00",
                    "ServiceNamespace": "s3",
                    "LastAuthenticatedEntity": "arn:aws:iam::123456789012:user/jenkins",
                    "LastAuthenticatedRegion": "eu-west-1",
                    "TotalAuthenticatedEntities": 1
                }
            ],
            "JobCompletionDate": "2026-03-16T09:14:11.870000+00:00",
            "IsTruncated": false
        }
        """;

    [Fact]
    public void The_sample_file_is_read_without_diagnostics()
    {
        // Given the Northwind prod account's service last accessed file (an array of wrapped CLI outputs)
        var (reports, diagnostics) = Read(File.ReadAllText(Fixtures.Northwind("444455556666", "service-last-accessed.json")));

        // Then each principal has its services, with uses and non-uses
        Assert.Empty(diagnostics);
        Assert.Equal(3, reports.Count);
        var backup = reports.Single(r => r.PrincipalArn.EndsWith("user/service-accounts/svc-backup", StringComparison.Ordinal));
        Assert.Equal("444455556666", backup.Account);
        Assert.Equal<string>(["backup", "iam", "ec2", "rds"], backup.Services.Select(s => s.Service), StringComparer.Ordinal);
        Assert.Equal(LastUse.On(new DateTimeOffset(2025, 6, 30, 1, 0, 0, TimeSpan.Zero)), backup.Services.Single(s => s.Service == "rds").LastUsed);
        Assert.Equal(LastUse.Never, backup.Services.Single(s => s.Service == "iam").LastUsed);
        Assert.Equal("Amazon RDS", backup.Services.Single(s => s.Service == "rds").DisplayName);
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 9, 14, 14, 902, TimeSpan.Zero), backup.JobCompleted);
    }

    [Fact]
    public void A_single_wrapped_object_is_read_too()
    {
        // Given one wrapped output, not in an array
        var (reports, diagnostics) = Read(Wrap("arn:aws:iam::123456789012:user/jenkins", CliOutput));

        // Then it is one report
        Assert.Empty(diagnostics);
        var report = Assert.Single(reports);
        Assert.Equal(("arn:aws:iam::123456789012:user/jenkins", false), (report.PrincipalArn, report.IsTruncated));
        Assert.Equal(2, report.Services.Length);
    }

    [Fact]
    public void The_bare_CLI_output_names_no_principal_and_is_an_error()
    {
        // When the CLI output is given without its wrapper
        var (reports, diagnostics) = Read(CliOutput);

        // Then it is not used, and the error says how to wrap it
        Assert.Empty(reports);
        var error = Assert.Single(diagnostics);
        Assert.Equal((IngestDiagnosticCodes.ServiceLastAccessedNoPrincipal, DiagnosticSeverity.Error), (error.Code, error.Severity));
        Assert.Contains("\"Arn\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"JobStatus\": \"COMPLETED\"", "\"JobStatus\": \"IN_PROGRESS\"", DiagnosticSeverity.Warning, "IN_PROGRESS")]
    [InlineData("\"JobStatus\": \"COMPLETED\"", "\"JobStatus\": \"FAILED\", \"Error\": {\"Message\": \"Entity does not exist\", \"Code\": \"NoSuchEntity\"}", DiagnosticSeverity.Error, "Entity does not exist")]
    public void A_job_that_did_not_complete_is_reported_and_not_used(string from, string to, DiagnosticSeverity severity, string expected)
    {
        // Given a job saved before it completed, or one that failed, beside a completed one
        var json = $"[{Wrap("arn:aws:iam::123456789012:user/a", CliOutput.Replace(from, to, StringComparison.Ordinal))}, {Wrap("arn:aws:iam::123456789012:role/b", CliOutput)}]";

        // When the file is read
        var (reports, diagnostics) = Read(json);

        // Then the unfinished job is reported at its status and only the other principal is used
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal((IngestDiagnosticCodes.ServiceLastAccessedJobNotCompleted, severity, "$[0].ServiceLastAccessed.JobStatus"), (diagnostic.Code, diagnostic.Severity, diagnostic.Location.JsonPath));
        Assert.Contains(expected, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("arn:aws:iam::123456789012:role/b", Assert.Single(reports).PrincipalArn);
    }

    [Fact]
    public void A_truncated_list_is_a_warning_and_is_kept()
    {
        // Given a first page only
        var (reports, diagnostics) = Read(Wrap("arn:aws:iam::123456789012:user/jenkins", CliOutput.Replace("\"IsTruncated\": false", "\"IsTruncated\": true, \"Marker\": \"AAEA\"", StringComparison.Ordinal)));

        // Then the report is kept and flagged, with a warning
        Assert.True(Assert.Single(reports).IsTruncated);
        Assert.Equal(IngestDiagnosticCodes.ServiceLastAccessedTruncated, Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void A_group_ARN_and_a_bad_date_are_reported()
    {
        // Given a group's job (Ward analyses users and roles) and a user's job with an unreadable date
        var json = $"[{Wrap("arn:aws:iam::123456789012:group/Developers", CliOutput)}, {Wrap("arn:aws:iam::123456789012:user/jenkins", CliOutput.Replace("2026-03-16T03:12:00+00:00", "last Tuesday", StringComparison.Ordinal))}]";

        // When it is read
        var (reports, diagnostics) = Read(json);

        // Then the group entry is skipped with an error, and the bad date is a warning that leaves the use unknown
        Assert.Contains(diagnostics, d => d.Code == IngestDiagnosticCodes.ServiceLastAccessedNoPrincipal && d.Location.JsonPath == "$[0].Arn");
        Assert.Contains(diagnostics, d => d.Code == IngestDiagnosticCodes.WrongShape && d.Severity == DiagnosticSeverity.Warning && d.Message.Contains("last Tuesday", StringComparison.Ordinal));
        var report = Assert.Single(reports);
        Assert.Equal(UseState.Unknown, report.Services.Single(s => s.Service == "s3").LastUsed.State);
    }

    [Fact]
    public void The_loader_places_the_data_in_the_principals_account_and_warns_about_unknown_principals()
    {
        // Given a GAAD with jenkins, and service data for jenkins and for a user the GAAD does not have
        using var folder = new ScratchFolder(
            ("gaad.json", """{"UserDetailList":[{"UserName":"jenkins","Arn":"arn:aws:iam::123456789012:user/jenkins"}]}"""),
            ("service-last-accessed.json", $"[{Wrap("arn:aws:iam::123456789012:user/jenkins", CliOutput)}, {Wrap("arn:aws:iam::123456789012:user/ghost", CliOutput)}]"));

        // When the folder is loaded
        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then both are in the account, and the unknown principal is a warning
        var account = Assert.Single(estate.Accounts);
        Assert.Equal(2, account.ServiceLastAccessed.Length);
        Assert.Equal(InputKind.ServiceLastAccessed, estate.Inputs.Single(i => i.Path.EndsWith("service-last-accessed.json", StringComparison.Ordinal)).Kind);
        var warning = Assert.Single(estate.Diagnostics);
        Assert.Equal(IngestDiagnosticCodes.ServiceLastAccessedUnknownPrincipal, warning.Code);
        Assert.Contains("user/ghost", warning.Message, StringComparison.Ordinal);
    }

    private static string Wrap(string arn, string output) => $$"""{"Arn": "{{arn}}", "ServiceLastAccessed": {{output}}}""";

    private static (IReadOnlyList<ServiceLastAccessedReport> Reports, List<Diagnostic> Diagnostics) Read(string text)
    {
        using var json = JsonDocument.Parse(text);
        var diagnostics = new DiagnosticBag();
        Assert.True(ServiceLastAccessedReader.Recognizes(json.RootElement));
        var reports = ServiceLastAccessedReader.Read(json.RootElement, "service-last-accessed.json", diagnostics);
        return (reports, [.. diagnostics.ToSortedArray()]);
    }
}
