using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Ward.Analysis;
using Ward.Analysis.Suppressions;
using Ward.Aws.Estate;
using Ward.Core.Diagnostics;

namespace Ward.Reporting.Sarif;

/// <summary>
/// Writes a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers: one run, every rule of the catalog,
/// one result per finding. How findings map to SARIF is documented in docs/formats/sarif.md.
/// </summary>
public static class SarifReporter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public const string SarifVersion = "2.1.0";

    /// <summary>The key of <c>partialFingerprints</c> that carries the finding's fingerprint.</summary>
    public const string FingerprintKey = "wardFingerprint/v1";

    // Names keep their letters readable; characters that matter to HTML (< > & ' ") are still escaped, so a
    // viewer that pastes a message into a page without encoding it gets no markup from the estate.
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>Writes the log; input file locations are made relative to the current directory.</summary>
    public static void Write(ScanResult result, Stream output) => Write(result, output, Environment.CurrentDirectory);

    /// <summary>Writes the log; input file locations are made relative to <paramref name="baseDirectory"/> (the repository root).</summary>
    public static void Write(ScanResult result, Stream output, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rules = RulesFor([.. result.Findings, .. result.Suppressed.Select(s => s.Finding)]);
        var ruleIndex = rules.Select((rule, index) => (rule.Id, index)).ToDictionary(r => r.Id, r => r.index, StringComparer.Ordinal);
        var sources = new FindingSources(result.Estate, result.Inputs.Read, baseDirectory);

        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", SarifVersion);
        json.WriteStartArray("runs");
        json.WriteStartObject();

        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", ScanFacts.ToolName);
        json.WriteString("version", ScanFacts.ToolVersion);
        json.WriteString("semanticVersion", ScanFacts.ToolVersion);
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            WriteRule(json, rule);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();

        WriteInvocation(json, result, sources);

        json.WriteStartArray("results");
        foreach (var finding in result.Findings)
        {
            WriteResult(json, finding, ruleIndex[finding.RuleId], sources, suppression: null);
            ScanJson.FlushWhenFull(json);
        }

        // Accepted risks stay in the log as suppressed results, so code scanning shows them as dismissed, not fixed.
        foreach (var (finding, suppression) in result.Suppressed)
        {
            WriteResult(json, finding, ruleIndex[finding.RuleId], sources, suppression);
            ScanJson.FlushWhenFull(json);
        }

        json.WriteEndArray();
        WriteRunProperties(json, result);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The SARIF level of a severity: critical and high are errors, medium a warning, low and info notes.</summary>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    /// <summary>GitHub's <c>security-severity</c> score (0.0–10.0, CVSS-like bands) of a severity.</summary>
    public static string SecuritySeverity(Severity severity) => severity switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "3.0",
        _ => "0.0",
    };

    /// <summary>A rule id in PascalCase, SARIF's conventional rule <c>name</c>: <c>privilege-escalation</c> → <c>PrivilegeEscalation</c>.</summary>
    public static string PascalCase(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var builder = new StringBuilder(id.Length);
        foreach (var part in id.Split(['-', '_', '.', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
        }

        return builder.ToString();
    }

    /// <summary>Every rule of the catalog, then (so that every result has its rule) any rule a finding names that the catalog lacks.</summary>
    private static ImmutableArray<RuleMetadata> RulesFor(ImmutableArray<Finding> findings)
    {
        var rules = RuleCatalog.All.Select(r => r.Metadata).ToList();
        var known = rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var group in findings.Where(f => !known.Contains(f.RuleId)).GroupBy(f => f.RuleId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = group.First();
            rules.Add(new RuleMetadata(group.Key, group.Key, first.Category, group.Max(f => f.Severity), group.Key, first.Remediation, [.. group.Select(f => f.Provider).Distinct(StringComparer.Ordinal)], []));
        }

        return [.. rules];
    }

    private static void WriteRule(Utf8JsonWriter json, RuleMetadata rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", PascalCase(rule.Id));
        json.WriteStartObject("shortDescription");
        json.WriteString("text", rule.Title);
        json.WriteEndObject();
        json.WriteStartObject("fullDescription");
        json.WriteString("text", rule.Description);
        json.WriteEndObject();
        json.WriteStartObject("help");
        json.WriteString("text", HelpText(rule));
        json.WriteString("markdown", HelpMarkdown(rule));
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(rule.DefaultSeverity));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteStartArray("tags");

        // GitHub reads security-severity only for rules tagged "security".
        foreach (var tag in new[] { "security", rule.Category }.Concat(rule.Providers).Distinct(StringComparer.Ordinal))
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
        json.WriteString("security-severity", SecuritySeverity(rule.DefaultSeverity));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string HelpText(RuleMetadata rule)
    {
        var text = new StringBuilder();
        text.Append(rule.Description).Append("\n\nRemediation: ").Append(rule.Remediation);
        foreach (var reference in rule.References)
        {
            text.Append("\nReference: ").Append(reference);
        }

        return text.Append("\nDocumentation: docs/rules/").Append(rule.Id).Append(".md").ToString();
    }

    private static string HelpMarkdown(RuleMetadata rule)
    {
        var text = new StringBuilder();
        text.Append(rule.Description).Append("\n\n**Remediation.** ").Append(rule.Remediation);
        var links = rule.References.Where(ScanFacts.IsWebLink).ToList();
        if (links.Count > 0)
        {
            text.Append("\n\n**References.**\n");
            foreach (var link in links)
            {
                text.Append("\n- <").Append(link).Append('>');
            }
        }

        return text.Append("\n\nDocumentation: `docs/rules/").Append(rule.Id).Append(".md` in the Ward repository.").ToString();
    }

    private static void WriteInvocation(Utf8JsonWriter json, ScanResult result, FindingSources sources)
    {
        json.WriteStartArray("invocations");
        json.WriteStartObject();

        // The scan ran to the end: inputs it could not read are notifications below, not a failed execution.
        json.WriteBoolean("executionSuccessful", true);
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var diagnostic in result.Inputs.Diagnostics)
        {
            json.WriteStartObject();
            json.WriteStartObject("descriptor");
            json.WriteString("id", diagnostic.Code);
            json.WriteEndObject();
            json.WriteString("level", diagnostic.Severity switch
            {
                DiagnosticSeverity.Error => "error",
                DiagnosticSeverity.Warning => "warning",
                _ => "note",
            });
            json.WriteStartObject("message");
            json.WriteString("text", diagnostic.Message);
            json.WriteEndObject();
            if (!string.IsNullOrEmpty(diagnostic.Location.File))
            {
                json.WriteStartArray("locations");
                json.WriteStartObject();
                WritePhysicalLocation(json, sources.UriOf(diagnostic.Location.File), diagnostic.Location.Line ?? 1, diagnostic.Location.Line is null ? null : diagnostic.Location.Column);
                if (diagnostic.Location.JsonPath is { } jsonPath)
                {
                    json.WriteStartArray("logicalLocations");
                    json.WriteStartObject();
                    json.WriteString("fullyQualifiedName", jsonPath);
                    json.WriteString("kind", "element");
                    json.WriteEndObject();
                    json.WriteEndArray();
                }

                json.WriteEndObject();
                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("properties");
        json.WriteString("referenceTime", ScanFacts.ReferenceTime(result));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding finding, int ruleIndex, FindingSources sources, Suppression? suppression)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(finding.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", finding.Title.TrimEnd('.') + ". " + finding.Explanation);
        json.WriteEndObject();

        json.WriteStartArray("locations");
        json.WriteStartObject();
        if (sources.SourceOf(finding) is { } uri)
        {
            WritePhysicalLocation(json, uri, 1);
        }

        json.WriteStartArray("logicalLocations");
        json.WriteStartObject();
        json.WriteString("fullyQualifiedName", finding.Principal);
        json.WriteString("kind", "resource");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartObject("partialFingerprints");
        json.WriteString(FingerprintKey, finding.Fingerprint);
        json.WriteEndObject();

        if (suppression is not null)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("status", "accepted");
            json.WriteString("justification", $"{suppression.Justification} (until {suppression.Until}; {suppression.Location})");
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("properties");
        json.WriteString("severity", ScanFacts.Name(finding.Severity));
        json.WriteString("security-severity", SecuritySeverity(finding.Severity));
        json.WriteString("category", finding.Category);
        json.WriteString("provider", finding.Provider);
        json.WriteString("account", finding.Account);
        json.WriteString("principal", finding.Principal);
        if (finding.PrincipalName is { } principalName)
        {
            json.WriteString("principalName", principalName);
        }

        if (finding.PrincipalDisplayName is { } principalDisplayName)
        {
            json.WriteString("principalDisplayName", principalDisplayName);
        }

        json.WriteString("remediation", finding.Remediation);
        json.WriteStartArray("references");
        foreach (var reference in finding.References)
        {
            json.WriteStringValue(reference);
        }

        json.WriteEndArray();
        FindingJson.WritePath(json, finding.Path);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WritePhysicalLocation(Utf8JsonWriter json, string uri, int line, int? column = null)
    {
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", uri);
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", Math.Max(1, line));
        if (column is >= 1)
        {
            json.WriteNumber("startColumn", column.Value);
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteRunProperties(Utf8JsonWriter json, ScanResult result)
    {
        json.WriteStartObject("properties");
        json.WriteString("referenceTime", ScanFacts.ReferenceTime(result));
        ScanJson.WriteInputs(json, result);
        ScanJson.WriteAnalysesNotRun(json, result);
        ScanJson.WriteCounts(json, result);
        json.WriteEndObject();
    }

    /// <summary>
    /// Where a finding's principal was read from. AWS: the authorization-details export of its account (the first file,
    /// when an account came in several pages), else the first AWS export read. Entra ID, Azure and Google Cloud: the
    /// first export of that provider's kind (their estates do not keep each principal's file), never another
    /// provider's. URIs are relative to the base directory with forward slashes, as GitHub expects; a file outside it
    /// gets an absolute <c>file:</c> URI.
    /// </summary>
    private sealed class FindingSources(AwsEstate estate, ImmutableArray<ReadInput> read, string baseDirectory)
    {
        private readonly string? _fallback = estate.Inputs.Where(i => i.Kind == InputKind.AuthorizationDetails)
            .Concat(estate.Inputs.Where(i => i.Kind is InputKind.Organization or InputKind.CredentialReport))
            .FirstOrDefault()?.Path;

        private readonly string? _entra = FirstOf(read, "microsoft", "GraphResponse", "AzureHound");
        private readonly string? _azure = FirstOf(read, "microsoft", "Azure", "AzureHound");
        private readonly string? _gcp = FirstOf(read, "gcp");

        public string? SourceOf(Finding finding)
        {
            if (finding.Provider == "aws")
            {
                return AwsSourceOf(finding);
            }

            var file = finding.Provider switch
            {
                "entra" => _entra,
                "azure" => _azure,
                "gcp" => _gcp,
                _ => null,
            };
            return file is null ? null : UriOf(file);
        }

        /// <summary>The first file the provider's reader took, of the first kind listed that it read (any kind when none is listed).</summary>
        private static string? FirstOf(ImmutableArray<ReadInput> read, string provider, params string[] kinds) =>
            (kinds.Length == 0 ? read.Where(i => i.Provider == provider)
                : kinds.SelectMany(kind => read.Where(i => i.Provider == provider && i.Kind == kind))).FirstOrDefault()?.Path;

        private string? AwsSourceOf(Finding finding)
        {
            if (estate.ResourcePolicies.TryGetValue(finding.Principal, out var resource) && resource.Location.File.Length > 0)
            {
                return UriOf(resource.Location.File);
            }

            // A bucket public or shared through its ACL alone: its S3 settings file.
            if (estate.S3Buckets.TryGetValue(finding.Principal, out var bucket) && bucket.Location.File.Length > 0)
            {
                return UriOf(bucket.Location.File);
            }

            var account = estate.Users.TryGetValue(finding.Principal, out var user) ? user.Account
                : estate.Roles.TryGetValue(finding.Principal, out var role) ? role.Account
                : finding.Account;
            var file = estate.Accounts.FirstOrDefault(a => a.Id == account) is { Sources.IsDefaultOrEmpty: false } known
                ? known.Sources.FirstOrDefault(source => estate.Inputs.Any(i => i.Path == source && i.Kind == InputKind.AuthorizationDetails)) ?? known.Sources[0]
                : _fallback;
            return file is null ? null : UriOf(file);
        }

        public string UriOf(string path)
        {
            var full = Path.GetFullPath(path);
            var relative = Path.GetRelativePath(baseDirectory, full);
            if (Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return new Uri(full).AbsoluteUri;
            }

            return string.Join('/', relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries).Select(Uri.EscapeDataString));
        }
    }
}
