using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Ward.Aws.Estate;
using Ward.Core.Diagnostics;
using Ward.Core.Model;

namespace Ward.Aws.Ingest;

/// <summary>
/// Reads the IAM credential report exactly as AWS writes it: the decoded CSV
/// (<c>aws iam get-credential-report --query Content --output text | base64 -d</c>) or the CLI's JSON output, whose
/// <c>Content</c> is the same CSV in base64 and which also says when IAM generated the report. Columns are found by
/// header name (order does not matter, unknown columns are ignored); a bad line costs that line and a bad value that
/// value, each with a diagnostic naming the file and the line.
/// </summary>
public static class CredentialReportReader
{
    /// <summary>Every column AWS writes, in its order.</summary>
    public static ImmutableArray<string> Columns { get; } =
    [
        "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
        "password_next_rotation", "mfa_active",
        "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date", "access_key_1_last_used_region", "access_key_1_last_used_service",
        "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date", "access_key_2_last_used_region", "access_key_2_last_used_service",
        "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
    ];

    /// <summary>The columns Ward's analyses need; a report without one of them is not used.</summary>
    public static ImmutableArray<string> RequiredColumns { get; } =
    [
        "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "mfa_active",
        "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
        "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
    ];

    /// <summary>A user has at most two access keys and two signing certificates, in slots 1 and 2.</summary>
    private static readonly int[] Slots = [1, 2];

    /// <summary>Separators a spreadsheet may have saved the report with, instead of AWS's comma.</summary>
    private static readonly char[] OtherSeparators = [';', '\t', '|'];

    private static readonly FrozenSet<string> KnownColumns = Columns.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> JsonFields = new[] { "Content", "ReportFormat", "GeneratedTime", "ResponseMetadata" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether a first line is a credential report header: at least three of AWS's column names.</summary>
    public static bool RecognizesHeader(string firstLine) =>
        SplitLine(firstLine.TrimStart('\uFEFF').TrimEnd('\r')) is { } fields && fields.Count(f => KnownColumns.Contains(f.Value.Trim())) >= 3;

    /// <summary>
    /// Why a first line is not a credential report header (<see cref="RecognizesHeader"/> is false): another separator
    /// than AWS's comma, column names in another case (the header is matched as AWS writes it), or no known column.
    /// </summary>
    public static string WhyNotAHeader(string firstLine)
    {
        var line = firstLine.TrimStart('\uFEFF').TrimEnd('\r');
        if (line.Trim().Length == 0)
        {
            return "its first line is empty, where AWS writes the header (`user,arn,user_creation_time,…`)";
        }

        if (!line.Contains(',', StringComparison.Ordinal) && OtherSeparators.FirstOrDefault(c => line.Contains(c, StringComparison.Ordinal)) is var separator and not '\0')
        {
            return $"its fields are separated by `{(separator == '\t' ? "\\t" : separator.ToString())}`, not by `,` as AWS writes the report (a spreadsheet may have saved it so)";
        }

        var fields = (SplitLine(line) ?? []).Select(f => f.Value.Trim()).ToList();
        var otherCase = fields.Where(f => !KnownColumns.Contains(f) && Columns.Contains(f, StringComparer.OrdinalIgnoreCase)).ToList();
        var known = fields.Count(KnownColumns.Contains);
        return otherCase.Count >= 3
            ? $"its header names columns in another case ({string.Join(", ", otherCase.Take(3).Select(c => $"`{c}`"))}, …): column names are matched as AWS writes them, in lower case (`user`, `arn`, …)"
            : known > 0
                ? $"its first line names only {known} of the credential report's columns (AWS's header starts `user,arn,user_creation_time,`)"
                : "its first line has no known credential report column (AWS's header starts `user,arn,user_creation_time,`)";
    }

    /// <summary>Whether a JSON document is <c>get-credential-report</c> output: <c>Content</c> with <c>ReportFormat</c> or <c>GeneratedTime</c>.</summary>
    public static bool Recognizes(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Content", out _)
        && (root.TryGetProperty("ReportFormat", out _) || root.TryGetProperty("GeneratedTime", out _));

    /// <summary>Reads the decoded CSV. Null when the file cannot be used at all (reported).</summary>
    public static CredentialReport? ReadCsv(string text, string file, DiagnosticBag diagnostics) =>
        Parse(text, new Origin(file, Embedded: false), generatedTime: null, diagnostics);

    /// <summary>Reads the CLI's JSON output (base64 <c>Content</c>). Null when it cannot be used at all (reported).</summary>
    public static CredentialReport? ReadJson(JsonElement root, string file, DiagnosticBag diagnostics)
    {
        var json = new JsonReading(file, diagnostics);
        json.CheckFields(root, JsonPath.Root, "the credential report", JsonFields);
        var format = json.String(root, "ReportFormat", JsonPath.Root);
        if (format is not null && format != "text/csv")
        {
            json.Report(IngestDiagnosticCodes.CredentialReportUnusable, DiagnosticSeverity.Error, $"`ReportFormat` is `{format}`; Ward reads only `text/csv` reports. The report was not used", "$.ReportFormat");
            return null;
        }

        var generated = json.Date(root, "GeneratedTime", JsonPath.Root);
        var content = json.String(root, "Content", JsonPath.Root, required: true);
        if (content is null)
        {
            return null;
        }

        var buffer = new byte[content.Length];
        if (!Convert.TryFromBase64String(content, buffer, out var length))
        {
            json.Report(IngestDiagnosticCodes.CredentialReportUnusable, DiagnosticSeverity.Error, "`Content` is not base64 (as `get-credential-report` returns it); the report was not used", "$.Content");
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            json.Report(IngestDiagnosticCodes.CredentialReportUnusable, DiagnosticSeverity.Error, "`Content` does not decode to UTF-8 text; the report was not used", "$.Content");
            return null;
        }

        return Parse(text, new Origin(file, Embedded: true), generated, diagnostics);
    }

    private static CredentialReport? Parse(string text, Origin origin, DateTimeOffset? generatedTime, DiagnosticBag diagnostics)
    {
        var lines = text.TrimStart('\uFEFF').Split('\n');
        var header = SplitLine(lines[0].TrimEnd('\r'));
        if (header is null || header.All(f => f.Value.Length == 0))
        {
            diagnostics.Add(IngestDiagnosticCodes.CredentialReportUnusable, DiagnosticSeverity.Error, origin.Message("the credential report has no header line; it was not used", 1), origin.At(1, 1));
            return null;
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < header.Count; index++)
        {
            var name = header[index].Value.Trim();
            if (!columns.TryAdd(name, index))
            {
                diagnostics.Add(IngestDiagnosticCodes.CredentialReportDuplicate, DiagnosticSeverity.Warning, origin.Message($"column `{name}` appears twice in the header; the first is used", 1), origin.At(1, header[index].Column));
            }
        }

        var missing = RequiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            diagnostics.Add(IngestDiagnosticCodes.CredentialReportMissingColumns, DiagnosticSeverity.Error, origin.Message($"the credential report has no {string.Join(", ", missing.Select(c => $"`{c}`"))} column{(missing.Count == 1 ? string.Empty : "s")}; the report was not used (export it again with `aws iam get-credential-report`)", 1), origin.At(1, 1));
            return null;
        }

        var unknown = columns.Keys.Where(c => !KnownColumns.Contains(c)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            diagnostics.Add(IngestDiagnosticCodes.CredentialReportUnknownColumn, DiagnosticSeverity.Info, origin.Message($"unknown column{(unknown.Count == 1 ? string.Empty : "s")} {string.Join(", ", unknown.Select(c => $"`{c}`"))} ignored", 1), origin.At(1, 1));
        }

        string? account = null;
        DateTimeOffset? newest = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var entries = ImmutableArray.CreateBuilder<CredentialReportEntry>();
        for (var index = 1; index < lines.Length; index++)
        {
            var lineNumber = index + 1;
            var line = lines[index].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = SplitLine(line);
            if (fields is null)
            {
                diagnostics.Add(IngestDiagnosticCodes.CredentialReportBadLine, DiagnosticSeverity.Error, origin.Message("an unterminated or misplaced quote; the line was skipped", lineNumber), origin.At(lineNumber, 1));
                continue;
            }

            if (fields.Count != header.Count)
            {
                diagnostics.Add(IngestDiagnosticCodes.CredentialReportBadLine, DiagnosticSeverity.Error, origin.Message($"the line has {fields.Count} fields where the header has {header.Count}; the line was skipped", lineNumber), origin.At(lineNumber, 1));
                continue;
            }

            var row = new Row(fields, columns, origin, lineNumber, diagnostics);
            var user = row.Text("user");
            var arn = row.Text("arn");
            if (user is null || arn is null || !TryAccount(arn, out var lineAccount, out var isRootArn))
            {
                diagnostics.Add(IngestDiagnosticCodes.CredentialReportBadLine, DiagnosticSeverity.Error, origin.Message($"`{row.Raw("arn")}` is not the ARN of an IAM user or of an account's root user; the line was skipped", lineNumber), row.At("arn"));
                continue;
            }

            if (isRootArn != (user == CredentialReportEntry.RootUserName))
            {
                diagnostics.Add(IngestDiagnosticCodes.CredentialReportBadLine, DiagnosticSeverity.Error, origin.Message($"user `{user}` does not go with ARN `{arn}` (the root user's line is `{CredentialReportEntry.RootUserName}` with `arn:aws:iam::<account>:root`); the line was skipped", lineNumber), row.At("user"));
                continue;
            }

            account ??= lineAccount;
            if (lineAccount != account)
            {
                diagnostics.Add(IngestDiagnosticCodes.CredentialReportBadLine, DiagnosticSeverity.Error, origin.Message($"`{arn}` belongs to account `{lineAccount}`, but the report's earlier lines to `{account}`; the line was skipped", lineNumber), row.At("arn"));
                continue;
            }

            if (!seen.Add(arn))
            {
                diagnostics.Add(IngestDiagnosticCodes.CredentialReportDuplicate, DiagnosticSeverity.Warning, origin.Message($"`{arn}` has a second line; the first is used", lineNumber), row.At("arn"));
                continue;
            }

            var isRoot = user == CredentialReportEntry.RootUserName;
            entries.Add(new CredentialReportEntry
            {
                User = user,
                Arn = arn,
                Account = lineAccount,
                Created = row.Timestamp("user_creation_time"),
                PasswordEnabled = row.Flag("password_enabled", notSupported: isRoot),
                PasswordLastUsed = row.Use("password_last_used"),
                PasswordLastChanged = row.Timestamp("password_last_changed", notApplicable: true, notSupported: isRoot),
                PasswordNextRotation = row.Timestamp("password_next_rotation", notApplicable: true, notSupported: isRoot),
                MfaActive = row.Flag("mfa_active"),
                AccessKeys = [.. Slots.Select(slot => AccessKey(row, slot)).OfType<Credential>()],
                Certificates = [.. Slots.Select(slot => Certificate(row, slot)).OfType<Credential>()],
                Location = origin.At(lineNumber, null),
            });
            newest = Max(newest, row.Newest);
        }

        if (account is null)
        {
            diagnostics.Add(IngestDiagnosticCodes.CredentialReportUnusable, DiagnosticSeverity.Error, origin.Message("the credential report has no usable line, so its account is unknown; it was not used", 1), origin.At(1, 1));
            return null;
        }

        // IAM always writes the root user's line: without it (removed, or skipped above as malformed) the root
        // user's credentials are unknown, not clean, and the root rules cannot run for the account.
        if (!entries.Any(e => e.IsRoot))
        {
            diagnostics.Add(IngestDiagnosticCodes.CredentialReportNoRootLine, DiagnosticSeverity.Warning, origin.Message($"the credential report has no usable `{CredentialReportEntry.RootUserName}` line (IAM always writes one; it is missing or was skipped): the root user's password, MFA and access keys of account `{account}` are unknown, so root-access-key, root-without-mfa and root-recently-used do not run for it", 1), origin.At(1, 1));
        }

        return new CredentialReport
        {
            Account = account,
            File = origin.File,
            GeneratedTime = generatedTime,
            NewestTimestamp = newest,
            Entries = entries.ToImmutable(),
        };
    }

    private static Credential? AccessKey(Row row, int slot)
    {
        var prefix = $"access_key_{slot}_";
        var active = row.Flag(prefix + "active");
        var created = row.Timestamp(prefix + "last_rotated", notApplicable: true);
        var used = row.Use(prefix + "last_used_date");
        // An unreadable `active` keeps the key, its state unknown: the rules that need it leave it undecided.
        if (active == false && created is null && used.State != UseState.Recorded)
        {
            return null;
        }

        return new Credential
        {
            Kind = CredentialKind.AccessKey,
            Name = $"access key {slot}",
            IsActive = active,
            Created = created,
            LastUsed = used,
            LastUsedRegion = row.Text(prefix + "last_used_region", optional: true),
            LastUsedService = row.Text(prefix + "last_used_service", optional: true),
        };
    }

    private static Credential? Certificate(Row row, int slot)
    {
        var prefix = $"cert_{slot}_";

        // The certificate columns are optional: without them the report says nothing of certificates.
        if (!row.Has(prefix + "active"))
        {
            return null;
        }

        var active = row.Flag(prefix + "active");
        var created = row.Timestamp(prefix + "last_rotated", notApplicable: true, optional: true);
        return active == false && created is null
            ? null
            : new Credential { Kind = CredentialKind.SigningCertificate, Name = $"certificate {slot}", IsActive = active, Created = created };
    }

    /// <summary>The account of a user or root ARN (<c>arn:aws:iam::123456789012:user/path/name</c>, <c>…:root</c>).</summary>
    private static bool TryAccount(string arn, out string account, out bool isRoot)
    {
        var parts = arn.Split(':', 6);
        account = parts.Length == 6 ? parts[4] : string.Empty;
        isRoot = parts.Length == 6 && parts[5] == "root";
        return parts.Length == 6 && parts[0] == "arn" && parts[1].StartsWith("aws", StringComparison.Ordinal) && parts[2] == "iam" && parts[3].Length == 0
            && account.Length == 12 && account.All(char.IsAsciiDigit)
            && (isRoot || (parts[5].StartsWith("user/", StringComparison.Ordinal) && parts[5].Length > "user/".Length));
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>Splits one CSV line (RFC 4180 quoting: <c>"a,b"</c>, <c>""</c> for a quote). Null when the quoting is broken.</summary>
    private static List<(string Value, int Column)>? SplitLine(string line)
    {
        var fields = new List<(string Value, int Column)>();
        var position = 0;
        while (true)
        {
            var start = position;
            if (position < line.Length && line[position] == '"')
            {
                var value = new StringBuilder();
                position++;
                while (true)
                {
                    if (position >= line.Length)
                    {
                        return null;
                    }

                    if (line[position] == '"')
                    {
                        if (position + 1 < line.Length && line[position + 1] == '"')
                        {
                            value.Append('"');
                            position += 2;
                            continue;
                        }

                        position++;
                        break;
                    }

                    value.Append(line[position++]);
                }

                if (position < line.Length && line[position] != ',')
                {
                    return null;
                }

                fields.Add((value.ToString(), start + 1));
            }
            else
            {
                var comma = line.IndexOf(',', position);
                var end = comma < 0 ? line.Length : comma;
                if (line.AsSpan(position, end - position).Contains('"'))
                {
                    return null;
                }

                fields.Add((line[position..end], start + 1));
                position = end;
            }

            if (position >= line.Length)
            {
                return fields;
            }

            position++;
        }
    }

    /// <summary>Where the CSV text came from: a file of its own, or the base64 <c>Content</c> of a JSON file.</summary>
    private sealed record Origin(string File, bool Embedded)
    {
        public SourceLocation At(int line, int? column) =>
            Embedded ? new SourceLocation(File, "$.Content") : new SourceLocation(File, null, line, column);

        public string Message(string message, int line) => Embedded ? $"line {line} of the decoded `Content`: {message}" : message;
    }

    /// <summary>The values of one line, read by column name; every unreadable value is reported once and read as unknown.</summary>
    private sealed class Row(List<(string Value, int Column)> fields, Dictionary<string, int> columns, Origin origin, int line, DiagnosticBag diagnostics)
    {
        private const string NotApplicable = "N/A";
        private const string NoInformation = "no_information";
        private const string NotSupported = "not_supported";

        public DateTimeOffset? Newest { get; private set; }

        public string Raw(string column) => columns.TryGetValue(column, out var index) ? fields[index].Value : string.Empty;

        public SourceLocation At(string column) => origin.At(line, columns.TryGetValue(column, out var index) ? fields[index].Column : null);

        /// <summary>A text value; null for <c>N/A</c>, empty, or a column the report lacks.</summary>
        public string? Text(string column, bool optional = false)
        {
            if (!columns.TryGetValue(column, out var index))
            {
                return null;
            }

            var value = fields[index].Value.Trim();
            return value.Length == 0 || Is(value, NotApplicable) || (optional && Is(value, NotSupported)) ? null : value;
        }

        public bool Has(string column) => columns.ContainsKey(column);

        public bool? Flag(string column, bool notSupported = false)
        {
            if (!columns.TryGetValue(column, out var index))
            {
                return null;
            }

            var value = fields[index].Value.Trim();
            if (Is(value, "true"))
            {
                return true;
            }

            if (Is(value, "false"))
            {
                return false;
            }

            if (notSupported && Is(value, NotSupported))
            {
                return null;
            }

            Bad(column, value, notSupported ? "`true`, `false` or `not_supported`" : "`true` or `false`");
            return null;
        }

        public DateTimeOffset? Timestamp(string column, bool notApplicable = false, bool notSupported = false, bool optional = false)
        {
            if (!columns.TryGetValue(column, out var index))
            {
                return null;
            }

            var value = fields[index].Value.Trim();
            if ((notApplicable && Is(value, NotApplicable)) || (notSupported && Is(value, NotSupported)) || (optional && value.Length == 0))
            {
                return null;
            }

            // A password's next rotation is a date to come: it says nothing of when the report was generated.
            var newest = Newest;
            if (TryTimestamp(value, out var timestamp))
            {
                if (column == "password_next_rotation")
                {
                    Newest = newest;
                }

                return timestamp;
            }

            var expected = "an ISO 8601 timestamp" + (notApplicable ? ", `N/A`" : string.Empty) + (notSupported ? ", `not_supported`" : string.Empty);
            Bad(column, value, expected);
            return null;
        }

        /// <summary>A last-used column: a timestamp, <c>N/A</c> (never used, or no such credential) or <c>no_information</c>.</summary>
        public LastUse Use(string column)
        {
            if (!columns.TryGetValue(column, out var index))
            {
                return LastUse.Unknown;
            }

            var value = fields[index].Value.Trim();
            if (Is(value, NotApplicable))
            {
                return LastUse.Never;
            }

            if (Is(value, NoInformation))
            {
                return LastUse.BeforeTracking;
            }

            if (TryTimestamp(value, out var timestamp))
            {
                return LastUse.On(timestamp);
            }

            Bad(column, value, "an ISO 8601 timestamp, `N/A` or `no_information`");
            return LastUse.Unknown;
        }

        private static bool Is(string value, string token) => string.Equals(value, token, StringComparison.OrdinalIgnoreCase);

        private bool TryTimestamp(string value, out DateTimeOffset timestamp)
        {
            // ISO 8601 only: a date first (`2021-03-01T09:30:02+00:00`, `…Z`), never a bare number or a word.
            if (IsoTimestamp.TryParse(value, out timestamp))
            {
                Newest = Newest is { } newest && newest >= timestamp ? newest : timestamp;
                return true;
            }

            timestamp = default;
            return false;
        }

        private void Bad(string column, string value, string expected) =>
            diagnostics.Add(IngestDiagnosticCodes.CredentialReportBadValue, DiagnosticSeverity.Warning, origin.Message($"`{column}` is `{value}`, not {expected}; read as unknown", line), At(column));
    }
}
