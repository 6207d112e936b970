using System.Text;
using System.Text.Json;
using Ward.Aws.Estate;
using Ward.Aws.Ingest;
using Ward.Aws.Tests.Testing;
using Ward.Core.Diagnostics;
using Ward.Core.Model;

namespace Ward.Aws.Tests.Ingest;

public sealed class CredentialReportReaderTests
{
    private const string Header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    private const string Root = "<root_account>,arn:aws:iam::123456789012:root,2019-04-02T10:11:12+00:00,not_supported,no_information,not_supported,not_supported,false,true,2019-04-02T10:30:00+00:00,2020-01-15T08:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";

    private const string Pat = "pat.quinn,arn:aws:iam::123456789012:user/finance/pat.quinn,2022-05-03T14:00:01+00:00,true,2026-03-14T17:45:12+00:00,2025-12-01T09:00:00+00:00,2026-05-30T09:00:00+00:00,true,true,2025-11-02T08:00:00+00:00,2026-03-15T22:10:00+00:00,eu-central-1,s3,false,2024-02-01T10:00:00+00:00,2024-06-01T10:00:00+00:00,eu-central-1,sqs,true,2023-03-03T12:00:00+00:00,false,N/A";

    private const string Jenkins = "jenkins,arn:aws:iam::123456789012:user/jenkins,2018-01-09T09:00:00+00:00,false,N/A,N/A,N/A,false,true,2018-01-09T09:05:00+00:00,2026-03-16T02:00:00+00:00,eu-west-1,ecr,true,2021-07-01T12:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A";

    private static readonly string RealReport = string.Join('\n', Header, Root, Pat, Jenkins);

    [Fact]
    public void The_sample_report_is_read_without_diagnostics()
    {
        // Given the Northwind management account's credential report, as `base64 -d` writes it (no final newline)
        var diagnostics = new DiagnosticBag();

        // When it is read
        var report = CredentialReportReader.ReadCsv(File.ReadAllText(Fixtures.Northwind("111122223333", "credential-report.csv")), "credential-report.csv", diagnostics);

        // Then the root user and four users are there, with their credentials
        Assert.Equal(0, diagnostics.Count);
        Assert.NotNull(report);
        Assert.Equal("111122223333", report.Account);
        Assert.Null(report.GeneratedTime);
        Assert.Equal(5, report.Entries.Length);
        var root = Assert.IsType<CredentialReportEntry>(report.Root);
        Assert.Null(root.PasswordEnabled);
        Assert.Equal(LastUse.On(new DateTimeOffset(2025, 9, 18, 12, 30, 5, TimeSpan.Zero)), root.PasswordLastUsed);
        Assert.True(root.MfaActive);
        Assert.Empty(root.AccessKeys);
        var breakglass = report.Entries.Single(e => e.User == "breakglass-admin");
        Assert.Equal(LastUse.BeforeTracking, breakglass.PasswordLastUsed);
        Assert.True(breakglass.PasswordEnabled);
        var terraform = report.Entries.Single(e => e.User == "svc-terraform-org");
        var key = Assert.Single(terraform.AccessKeys);
        Assert.Equal(("access key 1", (bool?)true, "organizations", "us-east-1"), (key.Name, key.IsActive, key.LastUsedService, key.LastUsedRegion));
        Assert.Equal(new DateTimeOffset(2022, 8, 30, 12, 50, 21, TimeSpan.Zero), key.Created);
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 7, 2, 15, TimeSpan.Zero), report.NewestTimestamp);
    }

    [Fact]
    public void The_special_values_mean_what_AWS_says()
    {
        // Given a report with a root line (not_supported, no_information), an inactive key and a certificate
        var (report, diagnostics) = ReadCsv(RealReport);

        // Then N/A is "none", no_information is "not since tracking began", not_supported is unknown for the root user
        Assert.Empty(diagnostics);
        var root = report!.Root!;
        Assert.Equal(UseState.BeforeTracking, root.PasswordLastUsed.State);
        Assert.Null(root.PasswordEnabled);
        Assert.Null(root.PasswordLastChanged);
        Assert.False(root.MfaActive);
        var rootKey = Assert.Single(root.AccessKeys);
        Assert.True(rootKey.IsActive);
        var pat = report.Entries.Single(e => e.User == "pat.quinn");
        Assert.Equal([true, false], pat.AccessKeys.Select(k => k.IsActive));
        Assert.Equal("sqs", pat.AccessKeys[1].LastUsedService);
        var certificate = Assert.Single(pat.Certificates);
        Assert.Equal(CredentialKind.SigningCertificate, certificate.Kind);
        var jenkins = report.Entries.Single(e => e.User == "jenkins");
        Assert.False(jenkins.PasswordEnabled);
        Assert.Equal(LastUse.Never, jenkins.PasswordLastUsed);
        Assert.Equal(LastUse.Never, jenkins.AccessKeys[1].LastUsed);
        Assert.Null(jenkins.AccessKeys[1].LastUsedService);
    }

    [Fact]
    public void Columns_are_found_by_name_in_any_order()
    {
        // Given the same report with its columns reversed
        var reversed = string.Join('\n', RealReport.Split('\n').Select(line => string.Join(',', line.Split(',').Reverse())));

        // When both are read
        var (original, _) = ReadCsv(RealReport);
        var (shuffled, diagnostics) = ReadCsv(reversed);

        // Then they hold the same entries
        Assert.Empty(diagnostics);
        Assert.Equal(Describe(original!), Describe(shuffled!));
    }

    [Fact]
    public void Unknown_columns_are_ignored_with_a_note()
    {
        // Given a report with a column AWS might add one day
        var extended = string.Join('\n', RealReport.Split('\n').Select((line, index) => line + (index == 0 ? ",passkey_count" : ",2")));

        // When it is read
        var (report, diagnostics) = ReadCsv(extended);

        // Then the column is noted (info) and the entries are unchanged
        var note = Assert.Single(diagnostics);
        Assert.Equal((IngestDiagnosticCodes.CredentialReportUnknownColumn, DiagnosticSeverity.Info), (note.Code, note.Severity));
        Assert.Contains("`passkey_count`", note.Message, StringComparison.Ordinal);
        Assert.Equal(Describe(ReadCsv(RealReport).Report!), Describe(report!));
    }

    [Fact]
    public void A_missing_required_column_is_an_error_that_names_it()
    {
        // Given a report without `access_key_1_last_used_date`
        var lines = RealReport.Split('\n').Select(line => line.Split(',').ToList()).ToList();
        var column = lines[0].IndexOf("access_key_1_last_used_date");
        var text = string.Join('\n', lines.Select(fields => string.Join(',', fields.Where((_, index) => index != column))));

        // When it is read
        var (report, diagnostics) = ReadCsv(text);

        // Then the report is not used, and the error names the column and the file's first line
        Assert.Null(report);
        var error = Assert.Single(diagnostics);
        Assert.Equal((IngestDiagnosticCodes.CredentialReportMissingColumns, DiagnosticSeverity.Error, 1), (error.Code, error.Severity, error.Location.Line));
        Assert.Contains("`access_key_1_last_used_date`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_timestamp_is_reported_at_its_line_and_column_and_read_as_unknown()
    {
        // Given pat.quinn's line (line 3) with `yesterday` as the first key's last use
        var text = RealReport.Replace("2026-03-15T22:10:00+00:00", "yesterday", StringComparison.Ordinal);

        // When it is read
        var (report, diagnostics) = ReadCsv(text);

        // Then a warning names the column, the value, line 3 and the column where the value starts
        var warning = Assert.Single(diagnostics);
        Assert.Equal((IngestDiagnosticCodes.CredentialReportBadValue, DiagnosticSeverity.Warning, 3), (warning.Code, warning.Severity, warning.Location.Line));
        Assert.Equal(Pat.IndexOf("2026-03-15T22:10:00", StringComparison.Ordinal) + 1, warning.Location.Column);
        Assert.Contains("`access_key_1_last_used_date` is `yesterday`", warning.Message, StringComparison.Ordinal);

        // And only that value is lost
        var pat = report!.Entries.Single(e => e.User == "pat.quinn");
        Assert.Equal(UseState.Unknown, pat.AccessKeys[0].LastUsed.State);
        Assert.True(pat.AccessKeys[0].IsActive);
        Assert.Equal(3, report.Entries.Length);
    }

    [Fact]
    public void An_unreadable_active_flag_keeps_the_key_with_its_state_unknown()
    {
        // Given jenkins's line with `yes` as its first key's state, where the second key reads `true`
        var text = RealReport.Replace("2018-01-09T09:00:00+00:00,false,N/A,N/A,N/A,false,true,", "2018-01-09T09:00:00+00:00,false,N/A,N/A,N/A,false,yes,", StringComparison.Ordinal);

        // When it is read
        var (report, diagnostics) = ReadCsv(text);

        // Then a warning says the value is read as unknown, and the key is kept with its state unknown, not inactive
        var warning = Assert.Single(diagnostics);
        Assert.Contains("`access_key_1_active` is `yes`", warning.Message, StringComparison.Ordinal);
        var jenkins = report!.Entries.Single(e => e.User == "jenkins");
        Assert.Equal([null, true], jenkins.AccessKeys.Select(k => k.IsActive));
        Assert.Equal(["access key 2"], jenkins.ActiveAccessKeys.Select(k => k.Name), StringComparer.Ordinal);
    }

    [Fact]
    public void A_report_without_the_root_line_is_warned_and_its_twin_is_not()
    {
        // Given a report without the `<root_account>` line, and one whose root line is skipped as malformed
        var (withoutRoot, missing) = ReadCsv(string.Join('\n', Header, Pat, Jenkins));
        var (malformedRoot, skipped) = ReadCsv(string.Join('\n', Header, Root + ",extra", Pat, Jenkins));
        var (whole, none) = ReadCsv(RealReport);

        // Then both are used, with a warning that the root user's credentials are unknown; the whole report has none
        var warning = Assert.Single(missing);
        Assert.Equal((IngestDiagnosticCodes.CredentialReportNoRootLine, DiagnosticSeverity.Warning, 1), (warning.Code, warning.Severity, warning.Location.Line));
        Assert.Contains("root-access-key, root-without-mfa and root-recently-used do not run", warning.Message, StringComparison.Ordinal);
        Assert.Null(withoutRoot!.Root);
        Assert.Contains(skipped, d => d.Code == IngestDiagnosticCodes.CredentialReportNoRootLine);
        Assert.Null(malformedRoot!.Root);
        Assert.Empty(none);
        Assert.NotNull(whole!.Root);
    }

    [Theory]
    [InlineData("pat.quinn,arn:aws:iam::123456789012:user/finance/pat.quinn,2022-05-03T14:00:01+00:00,true", "4 fields where the header has 22")]
    [InlineData("pat.quinn,arn:aws:s3:::bucket,2022-05-03T14:00:01+00:00,true,N/A,N/A,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A", "is not the ARN of an IAM user")]
    [InlineData("pat.quinn,arn:aws:iam::999999999999:user/pat.quinn,2022-05-03T14:00:01+00:00,true,N/A,N/A,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A", "belongs to account `999999999999`")]
    [InlineData("pat.quinn,arn:aws:iam::123456789012:root,2022-05-03T14:00:01+00:00,true,N/A,N/A,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A", "does not go with ARN")]
    [InlineData("\"pat,quinn,arn:aws:iam::123456789012:user/x,2022-05-03T14:00:01+00:00", "quote")]
    public void A_bad_line_is_skipped_with_an_error_at_its_line(string badLine, string expected)
    {
        // Given a report whose third line is broken
        var text = string.Join('\n', Header, Root, badLine, Jenkins);

        // When it is read
        var (report, diagnostics) = ReadCsv(text);

        // Then the line is reported (file and line) and skipped, and the lines around it are kept
        var error = Assert.Single(diagnostics);
        Assert.Equal((IngestDiagnosticCodes.CredentialReportBadLine, DiagnosticSeverity.Error, 3, "credential-report.csv"), (error.Code, error.Severity, error.Location.Line, error.Location.File));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal<string>(["<root_account>", "jenkins"], report!.Entries.Select(e => e.User), StringComparer.Ordinal);
    }

    [Fact]
    public void Windows_line_endings_a_final_newline_and_quoted_fields_are_accepted()
    {
        // Given the report with CRLF endings, a final newline, and a user name quoted because it holds a comma
        var quoted = Jenkins.Replace("jenkins,arn:aws:iam::123456789012:user/jenkins,", "\"jen,kins\",\"arn:aws:iam::123456789012:user/jen,kins\",", StringComparison.Ordinal);
        var text = string.Join("\r\n", Header, Root, Pat, quoted) + "\r\n";

        // When it is read
        var (report, diagnostics) = ReadCsv(text);

        // Then every line is there
        Assert.Empty(diagnostics);
        Assert.Equal<string>(["<root_account>", "pat.quinn", "jen,kins"], report!.Entries.Select(e => e.User), StringComparer.Ordinal);
    }

    [Fact]
    public void The_CLI_JSON_form_is_decoded_and_says_when_the_report_was_generated()
    {
        // Given the Northwind prod report as `aws iam get-credential-report` prints it
        var diagnostics = new DiagnosticBag();
        var path = Fixtures.Northwind("444455556666", "credential-report.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));

        // When it is read, and when its decoded Content is read as CSV
        var report = CredentialReportReader.ReadJson(json.RootElement, path, diagnostics);
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(json.RootElement.GetProperty("Content").GetString()!));
        var csv = CredentialReportReader.ReadCsv(decoded, path, new DiagnosticBag());

        // Then both give the same entries, and the JSON form adds the generation time
        Assert.Equal(0, diagnostics.Count);
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 9, 14, 2, TimeSpan.Zero), report!.GeneratedTime);
        Assert.Equal(11, report.Entries.Length);
        Assert.Equal(Describe(csv!), Describe(report));
        var legacy = report.Entries.Single(e => e.User == "svc-ci-legacy");
        Assert.Equal([true, true], legacy.AccessKeys.Select(k => k.IsActive));
        Assert.Equal(LastUse.Never, legacy.AccessKeys[1].LastUsed);
    }

    [Fact]
    public void In_the_JSON_form_a_bad_value_is_located_at_Content_with_its_decoded_line()
    {
        // Given the JSON form of a report whose line 4 has a bad flag
        var bad = RealReport.Replace("jenkins,arn:aws:iam::123456789012:user/jenkins,2018-01-09T09:00:00+00:00,false", "jenkins,arn:aws:iam::123456789012:user/jenkins,2018-01-09T09:00:00+00:00,maybe", StringComparison.Ordinal);
        var (report, diagnostics) = ReadJson(Wrap(bad));

        // Then the warning points at `$.Content` and names the decoded line
        var warning = Assert.Single(diagnostics);
        Assert.Equal((IngestDiagnosticCodes.CredentialReportBadValue, "$.Content"), (warning.Code, warning.Location.JsonPath));
        Assert.StartsWith("line 4 of the decoded `Content`: `password_enabled` is `maybe`", warning.Message, StringComparison.Ordinal);
        Assert.Null(report!.Entries.Single(e => e.User == "jenkins").PasswordEnabled);
    }

    [Theory]
    [InlineData("""{"Content": "not base64!", "ReportFormat": "text/csv", "GeneratedTime": "2026-03-16T09:14:02+00:00"}""", "not base64")]
    [InlineData("""{"Content": "dXNlcg==", "ReportFormat": "application/pdf", "GeneratedTime": "2026-03-16T09:14:02+00:00"}""", "`application/pdf`")]
    [InlineData("""{"ReportFormat": "text/csv", "Content": null}""", "`Content` is missing")]
    public void An_unusable_JSON_form_is_an_error(string text, string expected)
    {
        // When an unusable get-credential-report output is read
        var (report, diagnostics) = ReadJson(text);

        // Then the report is not used, and the error says why
        Assert.Null(report);
        Assert.Contains(diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_loader_recognises_both_forms_by_content_and_places_them_in_their_account()
    {
        // Given a folder with a GAAD, the CSV report under an unusual name, and a second account's JSON report
        using var folder = new ScratchFolder(
            ("gaad.json", """{"UserDetailList":[{"UserName":"pat.quinn","Path":"/finance/","Arn":"arn:aws:iam::123456789012:user/finance/pat.quinn"},{"UserName":"jenkins","Arn":"arn:aws:iam::123456789012:user/jenkins"}]}"""),
            ("report.txt", RealReport),
            ("other.json", File.ReadAllText(Fixtures.Northwind("444455556666", "credential-report.json"))));

        // When the folder is loaded
        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then both reports are read and placed in their accounts (the second account has no GAAD)
        Assert.Empty(estate.Diagnostics);
        Assert.Equal(2, estate.Inputs.Count(i => i.Kind == InputKind.CredentialReport));
        Assert.Equal(3, estate.Accounts.Single(a => a.Id == "123456789012").CredentialReport!.Entries.Length);
        Assert.Equal(11, estate.Accounts.Single(a => a.Id == "444455556666").CredentialReport!.Entries.Length);
        Assert.Contains(estate.Inputs, i => i.Note.Contains("generated 2026-03-16T09:14:02Z", StringComparison.Ordinal));
    }

    [Fact]
    public void A_report_given_as_a_file_is_read_and_one_with_a_missing_column_is_listed_as_unreadable()
    {
        // Given a good report and one without the `arn` column, given by file name
        var withoutArn = string.Join('\n', RealReport.Split('\n').Select(line => string.Join(',', line.Split(',').Where((_, index) => index != 1))));
        using var folder = new ScratchFolder(("good.csv", RealReport), ("bad.csv", withoutArn));

        // When both files are loaded
        var estate = AwsEstateLoader.Load([Path.Combine(folder.Path, "good.csv"), Path.Combine(folder.Path, "bad.csv")], TestContext.Current.CancellationToken);

        // Then the good one is used and the bad one is an error naming the column, listed as unreadable
        Assert.NotNull(Assert.Single(estate.Accounts).CredentialReport);
        Assert.Contains(estate.Diagnostics, d => d.Code == IngestDiagnosticCodes.CredentialReportMissingColumns && d.Location.File.EndsWith("bad.csv", StringComparison.Ordinal) && d.Message.Contains("`arn`", StringComparison.Ordinal));
        Assert.Contains(estate.Inputs, i => i.Kind == InputKind.Unreadable && i.Path.EndsWith("bad.csv", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("credential-report.csv", ';', false, "separated by `;`, not by `,`")]
    [InlineData("report.csv", ',', true, "in another case (`USER`, `ARN`, `USER_CREATION_TIME`, …)")]
    [InlineData("credential-report-prod.txt", '\t', false, "separated by `\\t`")]
    [InlineData("users.csv", ',', false, "no known credential report column")]
    [InlineData("people.csv", ',', false, "names only 1 of the credential report's columns")]
    public void A_csv_not_recognised_as_a_credential_report_is_a_warning_saying_why(string name, char separator, bool upperCase, string expected)
    {
        // Given the report as a spreadsheet may save it (another separator, or an upper-case header), or a CSV of something else
        var text = name switch
        {
            "users.csv" => "name,team\nkim,finance",
            "people.csv" => "user,team\nkim,finance",
            _ => RealReport.Replace(',', separator),
        };
        text = upperCase ? text.ToUpperInvariant() : text;
        using var folder = new ScratchFolder((name, text));

        // When the folder is loaded
        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the file is not dropped silently: a warning at its first line says why it is not a credential report
        var warning = Assert.Single(estate.Diagnostics, d => d.Code == IngestDiagnosticCodes.CredentialReportNotRecognized);
        Assert.Equal((DiagnosticSeverity.Warning, 1), (warning.Severity, warning.Location.Line));
        Assert.EndsWith(name, warning.Location.File, StringComparison.Ordinal);
        Assert.Contains(expected, warning.Message, StringComparison.Ordinal);
        Assert.Contains(estate.Inputs, i => i.Kind == InputKind.Unrecognized && i.Note.Contains("not recognised as a credential report", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_of_another_kind_is_skipped_without_a_credential_report_warning()
    {
        // Given a text file that is neither JSON nor named like a credential report
        using var folder = new ScratchFolder(("notes.txt", "user;arn;password_enabled"));

        // When the folder is loaded
        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then it is skipped as before, without a warning
        Assert.DoesNotContain(estate.Diagnostics, d => d.Code == IngestDiagnosticCodes.CredentialReportNotRecognized);
        Assert.Contains(estate.Inputs, i => i.Kind == InputKind.Unrecognized && i.Path.EndsWith("notes.txt", StringComparison.Ordinal));
    }

    [Fact]
    public void Users_missing_from_one_side_and_a_second_report_are_warnings()
    {
        // Given a GAAD without jenkins, and two reports of the same account, the newer in the JSON form
        using var folder = new ScratchFolder(
            ("gaad.json", """{"UserDetailList":[{"UserName":"pat.quinn","Path":"/finance/","Arn":"arn:aws:iam::123456789012:user/finance/pat.quinn"},{"UserName":"kim","Arn":"arn:aws:iam::123456789012:user/kim"}]}"""),
            ("a-old.csv", RealReport),
            ("b-new.json", Wrap(RealReport)));

        // When it is loaded
        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the newer report is used, and each mismatch is a warning
        var account = Assert.Single(estate.Accounts);
        Assert.EndsWith("b-new.json", account.CredentialReport!.File, StringComparison.Ordinal);
        Assert.Contains(estate.Diagnostics, d => d.Code == IngestDiagnosticCodes.CredentialReportDuplicate && d.Location.File.EndsWith("a-old.csv", StringComparison.Ordinal));
        Assert.Contains(estate.Diagnostics, d => d.Code == IngestDiagnosticCodes.CredentialReportMismatch && d.Message.Contains("user/jenkins", StringComparison.Ordinal));
        Assert.Contains(estate.Diagnostics, d => d.Code == IngestDiagnosticCodes.CredentialReportMismatch && d.Message.Contains("user/kim", StringComparison.Ordinal));
        Assert.DoesNotContain(estate.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_csv_with_a_timestamp_after_the_json_reports_generation_is_the_newer_report()
    {
        // Given a JSON report generated 2026-03-16T09:14:02Z and a bare CSV in which jenkins used a key on 2026-03-20
        var newer = RealReport.Replace("2026-03-16T02:00:00+00:00", "2026-03-20T02:00:00+00:00", StringComparison.Ordinal);
        using var folder = new ScratchFolder(("a-generated.json", Wrap(RealReport)), ("b-later.csv", newer));

        // When both are loaded
        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the CSV, which cannot be older than its newest timestamp, is used, and the JSON one is the duplicate
        var report = Assert.Single(estate.Accounts).CredentialReport!;
        Assert.EndsWith("b-later.csv", report.File, StringComparison.Ordinal);

        // (pat.quinn's next password rotation, 2026-05-30, is a date to come: it does not date the report)
        Assert.Equal(new DateTimeOffset(2026, 3, 20, 2, 0, 0, TimeSpan.Zero), report.NewestTimestamp);
        Assert.Contains(estate.Diagnostics, d => d.Code == IngestDiagnosticCodes.CredentialReportDuplicate && d.Location.File.EndsWith("a-generated.json", StringComparison.Ordinal));
    }

    private static string Wrap(string csv) =>
        $$"""{"Content": "{{Convert.ToBase64String(Encoding.UTF8.GetBytes(csv))}}", "ReportFormat": "text/csv", "GeneratedTime": "2026-03-16T09:14:02+00:00"}""";

    private static (CredentialReport? Report, List<Diagnostic> Diagnostics) ReadCsv(string text)
    {
        var diagnostics = new DiagnosticBag();
        var report = CredentialReportReader.ReadCsv(text, "credential-report.csv", diagnostics);
        return (report, [.. diagnostics.ToSortedArray()]);
    }

    private static (CredentialReport? Report, List<Diagnostic> Diagnostics) ReadJson(string text)
    {
        var diagnostics = new DiagnosticBag();
        using var json = JsonDocument.Parse(text);
        var report = CredentialReportReader.ReadJson(json.RootElement, "credential-report.json", diagnostics);
        return (report, [.. diagnostics.ToSortedArray()]);
    }

    /// <summary>Every value of every entry, printed, so two reads can be compared.</summary>
    private static string Describe(CredentialReport report) => string.Join('\n', report.Entries.Select(e =>
        string.Join('|', e.User, e.Arn, e.Created, e.PasswordEnabled, e.PasswordLastUsed, e.PasswordLastChanged, e.PasswordNextRotation, e.MfaActive,
            string.Join(';', e.AccessKeys.Select(k => string.Join('/', k.Name, k.IsActive, k.Created, k.LastUsed, k.LastUsedRegion, k.LastUsedService))),
            string.Join(';', e.Certificates.Select(c => string.Join('/', c.Name, c.IsActive, c.Created))))));
}
