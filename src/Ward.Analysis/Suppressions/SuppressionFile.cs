using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Ward.Core.Diagnostics;

namespace Ward.Analysis.Suppressions;

/// <summary>
/// Reads a suppressions file (docs/suppressions.md): <c>{"suppressions": [{"rule", "principal" | "fingerprint",
/// "justification", "expires"}]}</c>. Every problem is a diagnostic with the file, JSON path and line; an entry with
/// a problem is not applied (so its findings stay visible).
/// </summary>
public static class SuppressionFile
{
    public const string InvalidJson = "WARD4001";
    public const string InvalidEntry = "WARD4002";

    public static (ImmutableArray<Suppression> Suppressions, ImmutableArray<Diagnostic> Diagnostics) Read(string path)
    {
        if (Ward.Core.Inputs.FileKind.NotRegular(path) is { } kind)
        {
            return ([], [new Diagnostic(InvalidJson, DiagnosticSeverity.Error, $"the suppressions file is {kind}, not a regular file: save it to a file and give that", new SourceLocation(path))]);
        }

        byte[] bytes;
        try
        {
            // UTF-8 with or without a byte order mark, or UTF-16, as the exports are read.
            bytes = Ward.Core.Inputs.Utf8Input.Read(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return ([], [new Diagnostic(InvalidJson, DiagnosticSeverity.Error, $"cannot read the suppressions file: {exception.Message}", new SourceLocation(path))]);
        }

        return Parse(bytes, path);
    }

    public static (ImmutableArray<Suppression> Suppressions, ImmutableArray<Diagnostic> Diagnostics) Parse(ReadOnlyMemory<byte> utf8, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, AllowDuplicateProperties = false });
        }
        catch (JsonException exception)
        {
            return ([], [new Diagnostic(InvalidJson, DiagnosticSeverity.Error, $"not valid JSON: {exception.Message.Split(" Path:", 2)[0]}", JsonErrorLocation.Of(exception, utf8.Span, path))]);
        }

        using (document)
        {
            var diagnostics = new List<Diagnostic>();
            var suppressions = ImmutableArray.CreateBuilder<Suppression>();
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("suppressions", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                diagnostics.Add(Problem(JsonPath.Root, "expected an object with a `suppressions` array"));
            }
            else
            {
                var index = 0;
                foreach (var entry in list.EnumerateArray())
                {
                    var at = JsonPath.Index(JsonPath.Property(JsonPath.Root, "suppressions"), index++);
                    if (Entry(entry, at, diagnostics) is { } suppression)
                    {
                        suppressions.Add(suppression);
                    }
                }
            }

            return (suppressions.ToImmutable(), [.. JsonLineLocator.WithLines(diagnostics, utf8)]);
        }

        Suppression? Entry(JsonElement entry, string at, List<Diagnostic> diagnostics)
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                diagnostics.Add(Problem(at, "a suppression must be an object"));
                return null;
            }

            var before = diagnostics.Count;
            foreach (var property in entry.EnumerateObject().Where(p => p.Name is not ("rule" or "principal" or "fingerprint" or "justification" or "expires")))
            {
                diagnostics.Add(Problem(JsonPath.Property(at, property.Name), $"unknown field `{property.Name}` (expected rule, principal, fingerprint, justification, expires)"));
            }

            var rule = Text(entry, at, "rule", diagnostics);
            var principal = Text(entry, at, "principal", diagnostics);
            var fingerprint = Text(entry, at, "fingerprint", diagnostics);
            var justification = Text(entry, at, "justification", diagnostics);
            var expires = Text(entry, at, "expires", diagnostics);
            if (rule is null && fingerprint is null)
            {
                diagnostics.Add(Problem(at, "give `rule` (a rule id or `*`) or `fingerprint`"));
            }

            if (rule is not null && rule != "*" && !RuleCatalog.All.Any(r => r.Metadata.Id == rule))
            {
                diagnostics.Add(Problem(JsonPath.Property(at, "rule"), $"unknown rule `{rule}`"));
            }

            if (string.IsNullOrWhiteSpace(justification))
            {
                diagnostics.Add(Problem(at, "`justification` is required: say why the risk is accepted"));
            }

            DateTimeOffset expiry = default;
            if (expires is null)
            {
                diagnostics.Add(Problem(at, "`expires` is required (a date such as 2026-12-31, or a timestamp)"));
            }
            else if (!TryExpiry(expires, out expiry))
            {
                diagnostics.Add(Problem(JsonPath.Property(at, "expires"), $"`{expires}` is not a date or ISO 8601 timestamp"));
            }

            return diagnostics.Count > before ? null : new Suppression(rule ?? "*", principal, fingerprint, justification!, expiry, $"{path} at {at}") { Until = expires!.Trim() };
        }

        string? Text(JsonElement entry, string at, string name, List<Diagnostic> diagnostics)
        {
            if (!entry.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                diagnostics.Add(Problem(JsonPath.Property(at, name), $"`{name}` must be a string"));
                return null;
            }

            return value.GetString();
        }

        Diagnostic Problem(string jsonPath, string message) =>
            new(InvalidEntry, DiagnosticSeverity.Error, message + "; this suppression is not applied", new SourceLocation(path, jsonPath));
    }

    /// <summary>A date means the end of that day (UTC); a timestamp is taken as written.</summary>
    private static bool TryExpiry(string text, out DateTimeOffset expiry)
    {
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            // The last day there is (9999-12-31) has no next day: it holds for ever.
            expiry = date == DateOnly.MaxValue ? DateTimeOffset.MaxValue : new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1);
            return true;
        }

        return Ward.Core.Model.IsoTimestamp.TryParse(text, out expiry);
    }
}
