using System.Text.Json;
using Ward.Aws.Tests.Testing;

namespace Ward.Cli.Tests;

/// <summary>
/// What the reports say was read, skipped and diagnosed, when the inputs are not (only) AWS exports: every reader's
/// record, each file once (docs/cli.md, <c>ward scan --format json</c>).
/// </summary>
public sealed class ScanInputsReportTests
{
    private static readonly string Entra = Path.Combine(Repository.Root, "samples", "entra");
    private static readonly string Azure = Path.Combine(Repository.Root, "samples", "azure");
    private static readonly string Gcp = Path.Combine(Repository.Root, "samples", "gcp");

    [Fact]
    public void A_tenant_export_is_listed_as_read_by_the_Microsoft_reader_not_skipped_as_no_AWS_export()
    {
        // Given the Graph layout of the sample tenant alone
        var scan = ScanObject("json", Entra);

        // Then every file is read by the Microsoft reader, none is skipped, and AWS says nothing of them
        var read = scan.GetProperty("inputsRead").EnumerateArray().ToList();
        Assert.Equal(Directory.GetFiles(Entra, "*.json", SearchOption.AllDirectories).Length, read.Count);
        Assert.All(read, input => Assert.Equal("microsoft", input.GetProperty("provider").GetString()));
        Assert.Contains(read, input => input.GetProperty("kind").GetString() == "GraphResponse" && input.GetProperty("path").GetString()!.EndsWith("users.json", StringComparison.Ordinal));
        Assert.Empty(scan.GetProperty("inputsSkipped").EnumerateArray());
        Assert.DoesNotContain(scan.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() is "WARD1901" or "WARD1003");
    }

    [Fact]
    public void A_folder_given_with_its_subfolder_and_under_another_spelling_is_read_once()
    {
        // Given the AWS sample, its first account's folder inside it, and the sample again with a `.` in its path
        var aws = Repository.Samples;
        var output = Path.Combine(Directory.CreateTempSubdirectory("ward-scan-").FullName, "report.json");
        var (exitCode, console) = WardRunner.Run("scan", aws, Path.Combine(aws, "111122223333"), Path.Combine(aws, ".", "444455556666"), "--format", "json", "--output", output, "--as-of", "2026-12-01T09:00:00Z");
        Assert.True(exitCode == 0, console);
        var scan = JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("scan");

        // Then every file is read once, as if the sample alone were given: no file twice, no duplicate warnings
        var read = scan.GetProperty("inputsRead").EnumerateArray().Select(i => Path.GetFullPath(i.GetProperty("path").GetString()!)).ToList();
        Assert.Equal(read.Count, read.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Directory.GetFiles(aws, "*.*", SearchOption.AllDirectories).Count(f => !f.EndsWith(".md", StringComparison.Ordinal)), read.Count);
        Assert.DoesNotContain(scan.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "WARD1102");
    }

    [Fact]
    public void A_hidden_file_in_a_folder_is_listed_as_skipped_not_dropped_unseen()
    {
        // Given a folder holding an account's authorization details under a hidden name, and its credential report
        var folder = Directory.CreateTempSubdirectory("ward-hidden-").FullName;
        var account = Path.Combine(Repository.Samples, "111122223333");
        File.Copy(Path.Combine(account, "gaad.json"), Path.Combine(folder, ".gaad.json"));
        File.Copy(Path.Combine(account, "credential-report.csv"), Path.Combine(folder, "credential-report.csv"));

        // When it is scanned
        var output = Path.Combine(folder, "report.json");
        var (exitCode, console) = WardRunner.Run("scan", folder, "--format", "json", "--output", output, "--as-of", "2026-12-01T09:00:00Z");
        Assert.True(exitCode == 0, console);
        var scan = JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("scan");

        // Then the hidden file is among the skipped, saying why and how to have it read
        var skipped = Assert.Single(scan.GetProperty("inputsSkipped").EnumerateArray(), i => i.GetProperty("path").GetString()!.EndsWith(".gaad.json", StringComparison.Ordinal));
        Assert.Contains("a hidden file", skipped.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains(scan.GetProperty("inputsRead").EnumerateArray(), i => i.GetProperty("path").GetString()!.EndsWith("credential-report.csv", StringComparison.Ordinal));
    }

    [Fact]
    public void A_named_pipe_in_a_folder_is_listed_as_skipped_with_a_warning_and_the_scan_ends()
    {
        // Given a folder holding an account's authorization details and, beside them, a named pipe nothing writes to
        // with a credential report's name
        var folder = Directory.CreateTempSubdirectory("ward-pipe-").FullName;
        File.Copy(Path.Combine(Repository.Samples, "111122223333", "gaad.json"), Path.Combine(folder, "gaad.json"));
        var pipe = Path.Combine(folder, "credential-report-live.csv");
        NamedPipe.Make(pipe);

        // When it is scanned
        var output = Path.Combine(folder, "report.json");
        var (exitCode, console) = NamedPipe.LoadWithin(pipe, () => WardRunner.Run("scan", folder, "--format", "json", "--output", output, "--as-of", "2026-12-01T09:00:00Z"));
        Assert.True(exitCode == 0, console);
        var scan = JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("scan");

        // Then the pipe is among the skipped, saying what it is, with a warning that names it
        var skipped = Assert.Single(scan.GetProperty("inputsSkipped").EnumerateArray(), i => i.GetProperty("path").GetString() == pipe);
        Assert.Equal("a named pipe (FIFO), not a regular file; not read", skipped.GetProperty("reason").GetString());
        var warning = Assert.Single(scan.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("file").GetString() == pipe);
        Assert.Equal(("WARD1001", "warning"), (warning.GetProperty("code").GetString(), warning.GetProperty("severity").GetString()));
    }

    [Fact]
    public void The_Azure_reader_s_diagnostics_are_in_the_report()
    {
        // Given the sample's Azure exports, two of whose certificate lists name vaults the inventory lacks
        var scan = ScanObject("json", Azure);

        // Then those warnings reach the report, located, and no AWS complaint does
        var diagnostics = scan.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.Equal(2, diagnostics.Count(d => d.GetProperty("code").GetString() == "WARD6015" && d.GetProperty("file").GetString()!.Contains("keyvault-", StringComparison.Ordinal)));
        Assert.DoesNotContain(diagnostics, d => d.GetProperty("code").GetString()!.StartsWith("WARD1", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_file_of_a_mixed_folder_is_read_by_its_own_reader_or_skipped_once()
    {
        // Given AWS, Entra ID and Google Cloud exports side by side, a README and a JSON file no cloud writes
        var folder = Directory.CreateTempSubdirectory("ward-inputs-").FullName;
        Copy(Repository.Samples, Path.Combine(folder, "aws"));
        Copy(Entra, Path.Combine(folder, "entra"));
        Copy(Gcp, Path.Combine(folder, "gcp"));
        File.WriteAllText(Path.Combine(folder, "settings.json"), """{ "theme": "dark" }""");

        // When it is scanned
        var scan = ScanObject("json", folder);

        // Then every file is listed exactly once, read or skipped
        var read = scan.GetProperty("inputsRead").EnumerateArray().Select(i => (Path: i.GetProperty("path").GetString()!, Provider: i.GetProperty("provider").GetString()!, Kind: i.GetProperty("kind").GetString()!)).ToList();
        var skipped = scan.GetProperty("inputsSkipped").EnumerateArray().Select(i => (Path: i.GetProperty("path").GetString()!, Reason: i.GetProperty("reason").GetString()!)).ToList();
        var listed = read.Select(r => r.Path).Concat(skipped.Select(s => s.Path)).ToList();
        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length, listed.Count);

        // each by the reader of its cloud, an empty list by none in particular
        Assert.All(read.Where(r => r.Path.Contains("/entra/", StringComparison.Ordinal)), r => Assert.Equal("microsoft", r.Provider));
        Assert.All(read.Where(r => r.Path.Contains("/aws/", StringComparison.Ordinal)), r => Assert.Equal("aws", r.Provider));
        Assert.All(read.Where(r => r.Path.Contains("/gcp/", StringComparison.Ordinal)), r => Assert.True(r.Provider is "gcp" or "any", r.Path));
        Assert.Contains(read, r => r.Path.Contains("/gcp/", StringComparison.Ordinal) && r.Kind == "GoogleCloud");
        Assert.All(read.Where(r => r.Provider == "any"), r => Assert.Equal("[]", File.ReadAllText(r.Path).Trim()));

        // and the file no cloud writes is skipped with the readers it was offered to
        var settings = Assert.Single(skipped, s => s.Path.EndsWith("settings.json", StringComparison.Ordinal));
        Assert.Contains("not an AWS, Entra ID, Azure, AzureHound or Google Cloud export", settings.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(scan.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() is "WARD1901");
    }

    [Fact]
    public void A_diagnostic_located_to_the_column_carries_its_line_and_column_in_JSON_and_SARIF()
    {
        // Given the sample AWS estate and an export cut short in the middle of its second line
        var folder = Directory.CreateTempSubdirectory("ward-column-").FullName;
        Copy(Repository.Samples, Path.Combine(folder, "aws"));
        File.WriteAllText(Path.Combine(folder, "cut.json"), "{\n  \"UserDetailList\": [ {\"UserName\": \"a\",, } ]\n}\n");

        // When it is scanned
        var diagnostic = ScanObject("json", folder).GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("file").GetString()!.EndsWith("cut.json", StringComparison.Ordinal));
        var notification = ScanObject("sarif", folder).GetProperty("runs")[0].GetProperty("invocations")[0].GetProperty("toolExecutionNotifications").EnumerateArray()
            .Single(n => n.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!.EndsWith("cut.json", StringComparison.Ordinal));

        // Then both name line 2 and the column of the stray comma
        Assert.Equal(2, diagnostic.GetProperty("line").GetInt32());
        Assert.Equal(40, diagnostic.GetProperty("column").GetInt32());
        var region = notification.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(2, region.GetProperty("startLine").GetInt32());
        Assert.Equal(40, region.GetProperty("startColumn").GetInt32());
    }

    [Fact]
    public void SARIF_and_HTML_reports_carry_the_same_record()
    {
        // Given the sample's Azure exports
        var sarif = ScanObject("sarif", Azure);
        var html = Report("html", Azure);

        // Then SARIF lists the Microsoft reader's files and notifies its warnings; HTML lists the files by reader
        var run = sarif.GetProperty("runs")[0];
        Assert.All(run.GetProperty("properties").GetProperty("inputsRead").EnumerateArray(), i => Assert.Equal("microsoft", i.GetProperty("provider").GetString()));
        Assert.Contains(run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications").EnumerateArray(), n => n.GetProperty("descriptor").GetProperty("id").GetString() == "WARD6015");
        Assert.Contains("<td>microsoft</td><td>Azure</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("no usable AWS export", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Inputs_that_hold_nothing_to_analyse_alone_are_named_with_what_was_read_once()
    {
        // Given the sample's AzureHound resource inventory alone (VMs, key vaults, clusters: no directory, no role assignments)
        var (exitCode, output) = WardRunner.Run("scan", Path.Combine(Repository.Root, "samples", "azurehound"));

        // Then the scan stops as unusable, naming the file the Microsoft reader took, without each provider's own
        // "nothing usable" (AWS's said no AWS export, which nobody gave)
        Assert.Equal(2, exitCode);
        Assert.Contains("azurehound.json (microsoft AzureHound)", output, StringComparison.Ordinal);
        Assert.Contains("nothing usable was found in the inputs: the files read hold no", output, StringComparison.Ordinal);
        Assert.DoesNotContain("WARD1901", output, StringComparison.Ordinal);
        Assert.DoesNotContain("WARD6090", output, StringComparison.Ordinal);
    }

    private static JsonElement ScanObject(string format, string input)
    {
        var root = JsonDocument.Parse(Report(format, input)).RootElement;
        return format == "json" ? root.GetProperty("scan") : root;
    }

    private static string Report(string format, string input)
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("ward-scan-").FullName, "report." + format);
        var (exitCode, console) = WardRunner.Run("scan", input, "--format", format, "--output", output, "--as-of", "2026-12-01T09:00:00Z");
        Assert.True(exitCode == 0, console);
        return File.ReadAllText(output);
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
