using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Core.Diagnostics;
using Ward.Core.Inputs;
using Ward.Aws.Policy.Syntax;

namespace Ward.Aws.Ingest;

/// <summary>
/// Loads an AWS estate from files and folders. Files are recognised by content; what cannot be read is listed with
/// a diagnostic and the rest is still loaded. Several files per account (CLI pages) are merged; several accounts
/// and one organization may be given together.
/// </summary>
public static class AwsEstateLoader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 128, AllowTrailingCommas = false, AllowDuplicateProperties = false };

    public static AwsEstate Load(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        var diagnostics = new DiagnosticBag();
        var inputs = new List<InputFile>();
        var found = new ReadExports();
        AwsOrganization? organization = null;

        // Files are read and sniffed on every core, in order, while this thread reads the ones that may be AWS exports:
        // a folder of other clouds' exports is mostly files that are only sniffed. Files the expansion skipped keep
        // their place among the inputs.
        var expanded = new List<(string? File, InputFile? Skipped)>();
        foreach (var file in ExpandPaths(paths, diagnostics, skipped => expanded.Add((null, skipped))))
        {
            expanded.Add((file, null));
        }

        var prepared = expanded.AsParallel().AsOrdered().WithCancellation(cancellationToken).WithMergeOptions(ParallelMergeOptions.NotBuffered)
            .Select(entry => entry.File is { } file ? Prepare(file) : null);
        foreach (var (entry, file) in expanded.Zip(prepared))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file is null)
            {
                inputs.Add(entry.Skipped!);
                continue;
            }

            ReadFile(file, diagnostics, inputs, found, ref organization);
        }

        return Build(found.Gaad, organization, inputs, diagnostics, found.CredentialReports, found.ServiceLastAccessed, found.Resources, found.IdentityCenter, found.S3);
    }

    private static IEnumerable<string> ExpandPaths(IEnumerable<string> paths, DiagnosticBag diagnostics, Action<InputFile> skipped) =>
        InputPaths.Expand(
            paths,
            file => InputPaths.HasExtension(file, ".json") || StartsWithCredentialReportHeader(file),
            file => skipped(NotRead(file, diagnostics)),
            (path, message, note, severity) =>
            {
                diagnostics.Add(IngestDiagnosticCodes.UnreadableFile, severity, message, new SourceLocation(path));
                skipped(new InputFile(path, InputKind.Unreadable, note));
            });

    private static bool StartsWithCredentialReportHeader(string file) => FirstLine(file) is { } line && CredentialReportReader.RecognizesHeader(line);

    /// <summary>The first line of a file, at most 8 KiB of it (a large file without line breaks is not read whole); null when it cannot be read.</summary>
    private static string? FirstLine(string file)
    {
        try
        {
            using var reader = new StreamReader(file);
            var buffer = new char[8192];
            var read = reader.ReadBlock(buffer, 0, buffer.Length);
            var text = new string(buffer, 0, read);
            var end = text.IndexOf('\n', StringComparison.Ordinal);
            return end < 0 ? text : text[..end];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// A file that is neither JSON nor a credential report. One that looks meant to be a credential report (a <c>.csv</c>
    /// file, or one named <c>credential-report…</c>) is a warning saying why it was not recognised, so that it is not
    /// dropped silently.
    /// </summary>
    private static InputFile NotRead(string file, DiagnosticBag diagnostics)
    {
        var meantAsReport = !InputPaths.IsHidden(file) && (InputPaths.HasExtension(file, ".csv") || Path.GetFileName(file).StartsWith("credential-report", StringComparison.OrdinalIgnoreCase));
        if (!meantAsReport || FirstLine(file) is not { } line)
        {
            return new InputFile(file, InputKind.Unrecognized, InputPaths.NotReadNote(file));
        }

        var why = CredentialReportReader.WhyNotAHeader(line);
        diagnostics.Add(IngestDiagnosticCodes.CredentialReportNotRecognized, DiagnosticSeverity.Warning, $"not read as a credential report: {why}. Ward reads the report as `aws iam get-credential-report --query Content --output text | base64 --decode` writes it, or the command's JSON output; the file was skipped", new SourceLocation(file, null, 1, 1));
        return new InputFile(file, InputKind.Unrecognized, $"not recognised as a credential report ({why}); not read");
    }

    /// <summary>A file that is not JSON (it does not start with `{` or `[`) whose first line is a credential report header.</summary>
    private static bool IsCsvCredentialReport(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 8192)]).TrimStart('\uFEFF');
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            return false;
        }

        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return CredentialReportReader.RecognizesHeader(end < 0 ? text : text[..end]);
    }

    /// <summary>A file read and sniffed (on any thread): its bytes, unless it cannot be an AWS export or could not be read.</summary>
    private sealed record PreparedFile(string Path, byte[]? Bytes, string? ReadError, bool IsCsvCredentialReport, SourceLocation? NotAws)
    {
        /// <summary>An authorization details export, read on the worker that prepared it, with its diagnostics located.</summary>
        public (GaadExport Export, ImmutableArray<Diagnostic> Diagnostics)? AuthorizationDetails { get; init; }

        /// <summary>Any other file's document, parsed on the worker that prepared it (the loading thread disposes it).</summary>
        public JsonDocument? Document { get; init; }
    }

    /// <summary>Files from this size on are looked at in place before they are read (most large files of a mixed folder are other clouds' exports).</summary>
    private const long LookInPlaceFrom = 64 << 10;

    private static PreparedFile Prepare(string file)
    {
        if (NotAwsInPlace(file) is { } notAws)
        {
            return new PreparedFile(file, null, null, IsCsvCredentialReport: false, notAws);
        }

        byte[] bytes;
        try
        {
            bytes = Utf8Input.Read(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new PreparedFile(file, null, exception.Message, IsCsvCredentialReport: false, NotAws: null);
        }

        if (IsCsvCredentialReport(bytes))
        {
            return new PreparedFile(file, bytes, null, IsCsvCredentialReport: true, NotAws: null);
        }

        return AwsExportSniffer.CannotBeAwsExport(bytes, out var rootLine, out var rootColumn)
            ? new PreparedFile(file, null, null, IsCsvCredentialReport: false, new SourceLocation(file, JsonPath.Root, rootLine, rootColumn))
            : WithAuthorizationDetails(new PreparedFile(file, bytes, null, IsCsvCredentialReport: false, NotAws: null));
    }

    /// <summary>
    /// Exports from this size on are read by the loading thread, on every core; smaller ones (an organization's
    /// accounts) on the worker that prepared them, one per core.
    /// </summary>
    private const int ReadOnWorkerBelow = 32 << 20;

    /// <summary>
    /// An authorization details export under <see cref="ReadOnWorkerBelow"/> is read on the worker that prepared it, so
    /// that the exports of an organization's accounts are read side by side; any other file's document is kept for
    /// <see cref="ReadFile"/>, which also reports invalid JSON.
    /// </summary>
    private static PreparedFile WithAuthorizationDetails(PreparedFile prepared)
    {
        if (prepared.Bytes!.Length >= ReadOnWorkerBelow)
        {
            return prepared;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(prepared.Bytes, Options);
        }
        catch (JsonException)
        {
            return prepared;
        }

        var root = document.RootElement;
        if (!GaadReader.Recognizes(root) || OrganizationReader.Recognizes(root))
        {
            return prepared with { Document = document };
        }

        using (document)
        {
            var diagnostics = new DiagnosticBag();
            var export = GaadReader.Read(root, prepared.Path, diagnostics, inParallel: false);
            ImmutableArray<Diagnostic> located = diagnostics.Count == 0 ? [] : [.. JsonLineLocator.WithLines(diagnostics.ToSortedArray(), prepared.Bytes)];
            return prepared with { Bytes = null, AuthorizationDetails = (export, located) };
        }
    }

    /// <summary>
    /// Where a large file that cannot be an AWS export has its root value, looked at without reading it into memory;
    /// null for a small file, one that may be an AWS export, or one that cannot be mapped (the reading reports why).
    /// </summary>
    private static SourceLocation? NotAwsInPlace(string file)
    {
        try
        {
            if (new FileInfo(file).Length < LookInPlaceFrom)
            {
                return null;
            }

            var (cannotBeAws, line, column) = MappedFile.Read(file, bytes =>
                !IsCsvCredentialReport(bytes) && AwsExportSniffer.CannotBeAwsExport(bytes, out var rootLine, out var rootColumn) ? (true, rootLine, rootColumn) : (false, 0, 0));
            return cannotBeAws ? new SourceLocation(file, JsonPath.Root, line, column) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void ReadFile(PreparedFile prepared, DiagnosticBag diagnostics, List<InputFile> inputs, ReadExports found, ref AwsOrganization? organization)
    {
        var file = prepared.Path;
        if (prepared.ReadError is { } error)
        {
            diagnostics.Add(IngestDiagnosticCodes.UnreadableFile, DiagnosticSeverity.Error, $"cannot read the file: {error}", new SourceLocation(file));
            inputs.Add(new InputFile(file, InputKind.Unreadable, error));
            return;
        }

        if (prepared.NotAws is { } root)
        {
            NotRecognised(file, diagnostics, inputs, root);
            return;
        }

        if (prepared.AuthorizationDetails is var (export, located))
        {
            AddAuthorizationDetails(file, export, inputs, found);
            diagnostics.AddRange(located);
            return;
        }

        var bytes = prepared.Bytes!;
        if (prepared.IsCsvCredentialReport)
        {
            ReadCsvCredentialReport(file, bytes, diagnostics, inputs, found);
            return;
        }

        JsonDocument document;
        try
        {
            document = prepared.Document ?? JsonDocument.Parse(bytes, Options);
        }
        catch (JsonException exception)
        {
            diagnostics.Add(IngestDiagnosticCodes.InvalidJson, DiagnosticSeverity.Error, $"not valid JSON ({FirstSentence(exception.Message)}); the file was skipped", JsonErrorLocation.Of(exception, bytes, file));
            inputs.Add(new InputFile(file, InputKind.Unreadable, "invalid JSON"));
            return;
        }

        var fileDiagnostics = new DiagnosticBag();
        using (document)
        {
            ReadDocument(file, document.RootElement, fileDiagnostics, inputs, found, ref organization);
        }

        // Lines are looked up only for files that have diagnostics: one extra pass over those files alone.
        diagnostics.AddRange(fileDiagnostics.Count == 0 ? [] : JsonLineLocator.WithLines(fileDiagnostics.ToSortedArray(), bytes));
    }

    private static void AddAuthorizationDetails(string file, GaadExport export, List<InputFile> inputs, ReadExports found)
    {
        found.Gaad.Add(export);
        inputs.Add(new InputFile(file, InputKind.AuthorizationDetails, $"account {export.Account ?? "unknown"}: {export.Users.Length} users, {export.Groups.Length} groups, {export.Roles.Length} roles, {export.Policies.Length} managed policies"));
    }

    private static void ReadCsvCredentialReport(string file, byte[] bytes, DiagnosticBag diagnostics, List<InputFile> inputs, ReadExports found)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            diagnostics.Add(IngestDiagnosticCodes.CredentialReportUnusable, DiagnosticSeverity.Error, "the credential report is not UTF-8 text; it was not used", new SourceLocation(file));
            inputs.Add(new InputFile(file, InputKind.Unreadable, "credential report: not UTF-8 text"));
            return;
        }

        AddCredentialReport(file, CredentialReportReader.ReadCsv(text, file, diagnostics), inputs, found);
    }

    private static void AddCredentialReport(string file, CredentialReport? report, List<InputFile> inputs, ReadExports found)
    {
        if (report is null)
        {
            inputs.Add(new InputFile(file, InputKind.Unreadable, "credential report could not be used"));
            return;
        }

        found.CredentialReports.Add(report);
        var users = report.Users.Count();
        var generated = report.GeneratedTime is { } time
            ? $"generated {time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}"
            : "generation time not recorded (decoded CSV)";
        inputs.Add(new InputFile(file, InputKind.CredentialReport, $"IAM credential report of account {report.Account}: {users} user{(users == 1 ? string.Empty : "s")}{(report.Root is null ? string.Empty : " and the root user")}; {generated}"));
    }

    private static void ReadDocument(string file, JsonElement root, DiagnosticBag diagnostics, List<InputFile> inputs, ReadExports found, ref AwsOrganization? organization)
    {
        if (OrganizationReader.Recognizes(root))
        {
            var read = OrganizationReader.Read(root, file, diagnostics);
            if (read is not null && organization is not null)
            {
                diagnostics.Add(IngestDiagnosticCodes.OrganizationProblem, DiagnosticSeverity.Error, $"a second organization export (`{read.Id}`) was given; only the first (`{organization.Id}`) is used", new SourceLocation(file, JsonPath.Root));
                // Skipped as AWS's own (not passed on to the other clouds' readers, which would call it unrecognised).
                inputs.Add(new InputFile(file, InputKind.Unreadable, $"a second organization export; only the first (`{organization.Id}`) is used"));
                return;
            }

            organization = read;
            inputs.Add(new InputFile(file, read is null ? InputKind.Unreadable : InputKind.Organization, read is null ? "organization export could not be used" : $"organization {read.Id}: {read.Accounts.Length} accounts, {read.Policies.Length} SCPs/RCPs"));
        }
        else if (GaadReader.Recognizes(root) && !OrganizationReader.Recognizes(root))
        {
            AddAuthorizationDetails(file, GaadReader.Read(root, file, diagnostics), inputs, found);
        }
        else if (CredentialReportReader.Recognizes(root))
        {
            AddCredentialReport(file, CredentialReportReader.ReadJson(root, file, diagnostics), inputs, found);
        }
        else if (ServiceLastAccessedReader.Recognizes(root))
        {
            var reports = ServiceLastAccessedReader.Read(root, file, diagnostics);
            found.ServiceLastAccessed.AddRange(reports);
            var accounts = string.Join(", ", reports.Select(r => r.Account).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
            inputs.Add(reports.IsEmpty
                ? new InputFile(file, InputKind.Unreadable, "service last accessed data could not be used")
                : new InputFile(file, InputKind.ServiceLastAccessed, $"service last accessed data of {reports.Length} principal{(reports.Length == 1 ? string.Empty : "s")} (account {accounts})"));
        }
        else if (IdentityCenterReader.Recognizes(root))
        {
            var read = IdentityCenterReader.Read(root, file, diagnostics);
            if (found.IdentityCenter is not null)
            {
                diagnostics.Add(IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Error, "a second Identity Center export was given; only the first is used", new SourceLocation(file, JsonPath.Root));
                inputs.Add(new InputFile(file, InputKind.Unrecognized, "second Identity Center export; ignored"));
                return;
            }

            found.IdentityCenter = read;
            inputs.Add(new InputFile(file, InputKind.IdentityCenter, read.Instances.IsEmpty
                ? "IAM Identity Center: no instance"
                : $"IAM Identity Center: {read.Instances.Length} instance{(read.Instances.Length == 1 ? string.Empty : "s")}, {read.PermissionSets.Length} permission sets, {read.Assignments.Length} account assignments, {read.Users.Length} users, {read.Groups.Length} groups"));
        }
        else if (ResourcePolicyReader.Recognizes(root))
        {
            var read = ResourcePolicyReader.Read(root, file, diagnostics);
            found.Resources.AddRange(read);
            inputs.Add(new InputFile(file, InputKind.ResourcePolicies, $"{read.Length} resource policies"));
        }
        else if (S3BucketSettingsReader.Recognizes(root))
        {
            var read = S3BucketSettingsReader.Read(root, file, diagnostics);
            if (read.Account is not { } account)
            {
                inputs.Add(new InputFile(file, InputKind.Unreadable, "S3 bucket settings could not be used"));
                return;
            }

            found.S3.Accounts.Add(account);
            found.S3.Buckets.AddRange(read.Buckets);
            found.S3.AccessPoints.AddRange(read.AccessPoints);
            found.Resources.AddRange(read.AccessPointPolicies);
            var accessPoints = read.AccessPoints.IsEmpty ? string.Empty : $", {read.AccessPoints.Length} access point{(read.AccessPoints.Length == 1 ? string.Empty : "s")}";
            inputs.Add(new InputFile(file, InputKind.S3Buckets, $"S3 settings of account {account.Account}: Block Public Access, {read.Buckets.Length} bucket{(read.Buckets.Length == 1 ? string.Empty : "s")}{accessPoints}"));
        }
        else
        {
            NotRecognised(file, diagnostics, inputs, new SourceLocation(file, JsonPath.Root));
        }
    }

    private static void NotRecognised(string file, DiagnosticBag diagnostics, List<InputFile> inputs, SourceLocation location)
    {
        diagnostics.Add(IngestDiagnosticCodes.UnrecognizedFile, DiagnosticSeverity.Info, "not an export Ward recognises (expected `get-account-authorization-details` output, an organization export, an Identity Center export, a credential report, service last accessed data, a resource-policies file or an s3-buckets file); skipped", location);
        inputs.Add(new InputFile(file, InputKind.Unrecognized, "content not recognised"));
    }

    /// <summary>Merges per-file exports into accounts and assembles each principal's policies once.</summary>
    internal static AwsEstate Build(
        List<GaadExport> exports,
        AwsOrganization? organization,
        List<InputFile> inputs,
        DiagnosticBag diagnostics,
        List<CredentialReport>? credentialReports = null,
        List<ServiceLastAccessedReport>? serviceLastAccessed = null,
        List<AwsResourcePolicy>? resources = null,
        AwsIdentityCenter? identityCenter = null,
        S3Exports? s3 = null)
    {
        // Group attachments are resolved once per member: report each missing policy once per holder.
        var reported = new HashSet<(string Holder, string Arn)>();
        var managed = new Dictionary<string, ManagedPolicy>(StringComparer.Ordinal);
        var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var accounts = new SortedDictionary<string, (List<IamUser> Users, List<IamGroup> Groups, List<IamRole> Roles, List<ManagedPolicy> Policies, SortedSet<string> Sources)>(StringComparer.Ordinal);

        // Where the copy of each user, group, role and customer-managed policy that is used was read, and the other
        // files that describe it again (told once per pair of files, after the merge).
        var keptAt = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var repeats = new List<(string Arn, SourceLocation Kept, SourceLocation Again)>();
        foreach (var export in exports)
        {
            foreach (var arn in export.Users.Select(u => u.Arn).Concat(export.Groups.Select(g => g.Arn)).Concat(export.Roles.Select(r => r.Arn))
                .Concat(export.Policies.Where(p => !p.IsAwsManaged).Select(p => p.Arn)))
            {
                var here = export.Locations.GetValueOrDefault(arn, new SourceLocation(export.File));
                if (!keptAt.TryAdd(arn, here))
                {
                    repeats.Add((arn, keptAt[arn], here));
                }
            }

            if (export.Account is null)
            {
                if (export.Users.Length + export.Groups.Length + export.Roles.Length > 0 || export.Policies.Any(p => !p.IsAwsManaged))
                {
                    diagnostics.Add(IngestDiagnosticCodes.UnknownAccount, DiagnosticSeverity.Error, "cannot tell which account this export belongs to", new SourceLocation(export.File, JsonPath.Root));
                }
            }

            foreach (var policy in export.Policies)
            {
                managed.TryAdd(policy.Arn, policy);
            }

            foreach (var (arn, location) in export.Locations)
            {
                locations.TryAdd(arn, location);
            }

            foreach (var user in export.Users)
            {
                Entry(accounts, user.Account, export.File).Users.Add(user);
            }

            foreach (var group in export.Groups)
            {
                Entry(accounts, group.Account, export.File).Groups.Add(group);
            }

            foreach (var role in export.Roles)
            {
                Entry(accounts, role.Account, export.File).Roles.Add(role);
            }

            foreach (var policy in export.Policies.Where(p => !p.IsAwsManaged))
            {
                var account = policy.Arn.Split(':').ElementAtOrDefault(4);
                if (account is { Length: 12 })
                {
                    Entry(accounts, account, export.File).Policies.Add(policy);
                }
            }
        }

        ReportRepeats(repeats, diagnostics);
        var reportsByAccount = ChooseCredentialReports(credentialReports ?? [], diagnostics);
        foreach (var report in reportsByAccount.Values)
        {
            Entry(accounts, report.Account, report.File);
        }

        var activityByAccount = ChooseServiceLastAccessed(serviceLastAccessed ?? [], diagnostics);
        foreach (var (accountId, reports) in activityByAccount)
        {
            foreach (var report in reports)
            {
                Entry(accounts, accountId, report.File);
            }
        }

        foreach (var truncated in exports.Where(e => e.Account is not null).GroupBy(e => e.Account!, StringComparer.Ordinal).Where(g => g.All(e => e.IsTruncated)))
        {
            diagnostics.Add(IngestDiagnosticCodes.TruncatedExport, DiagnosticSeverity.Warning, $"every export of account `{truncated.Key}` says `IsTruncated: true` or carries a `NextToken`: the last page is missing, so principals and policies may be missing (let the AWS CLI paginate without --max-items, or give every page)", new SourceLocation(truncated.First().File, truncated.First().Truncation!));
        }

        var built = ImmutableArray.CreateBuilder<AwsAccount>();
        var identity = new Dictionary<string, ImmutableArray<NamedPolicy>>(StringComparer.Ordinal);
        var boundaries = new Dictionary<string, NamedPolicy?>(StringComparer.Ordinal);
        foreach (var (accountId, entry) in accounts)
        {
            var account = new AwsAccount
            {
                Id = accountId,
                Users = [.. entry.Users.DistinctBy(u => u.Arn, StringComparer.Ordinal)],
                Groups = [.. entry.Groups.DistinctBy(g => g.Arn, StringComparer.Ordinal)],
                Roles = [.. entry.Roles.DistinctBy(r => r.Arn, StringComparer.Ordinal)],
                Policies = [.. entry.Policies.DistinctBy(p => p.Arn, StringComparer.Ordinal)],
                Sources = [.. entry.Sources],
                CredentialReport = reportsByAccount.GetValueOrDefault(accountId),
                ServiceLastAccessed = activityByAccount.GetValueOrDefault(accountId, []),
            };
            built.Add(account);
            CheckAgainstAuthorizationDetails(account, locations, diagnostics);

            var groupsByName = account.Groups.ToDictionary(g => g.Name, StringComparer.Ordinal);

            // Each principal's policies are resolved on every core (an account has 10,000s of principals); what is
            // missing is reported afterwards, in principal order, each missing policy once per holder.
            var usersResolved = account.Users.AsParallel().AsOrdered().Select(user =>
            {
                var pending = new List<PendingDiagnostic>();
                var policies = ImmutableArray.CreateBuilder<NamedPolicy>();
                policies.AddRange(user.InlinePolicies.Select(p => new NamedPolicy($"{user.Name} inline policy {p.Name}", p.Document)));
                policies.AddRange(user.AttachedPolicies.Select(a => Managed(a.PolicyArn, user.Arn, managed, locations, pending)));
                foreach (var groupName in user.Groups)
                {
                    if (!groupsByName.TryGetValue(groupName, out var group))
                    {
                        pending.Add(new PendingDiagnostic(new Diagnostic(IngestDiagnosticCodes.MissingGroup, DiagnosticSeverity.Error, $"user `{user.Name}` is in group `{groupName}`, which is not in the export; that group's policies are unknown, so the user's decisions are indeterminate where they could matter", locations.GetValueOrDefault(user.Arn, SourceLocation.None)), Once: null));
                        policies.Add(new NamedPolicy($"group {groupName} (missing from the export)", PolicyDocument.Unreadable($"group `{groupName}` is missing from the export")));
                        continue;
                    }

                    policies.AddRange(group.InlinePolicies.Select(p => new NamedPolicy($"group {group.Name} inline policy {p.Name}", p.Document)));
                    policies.AddRange(group.Problems.Select(problem => new NamedPolicy($"unreadable part of group {group.Name}", PolicyDocument.Unreadable(problem))));
                    policies.AddRange(group.AttachedPolicies.Select(a => Managed(a.PolicyArn, group.Arn, managed, locations, pending) with { Name = $"{a.PolicyArn} (via group {group.Name})" }));
                }

                policies.AddRange(user.Problems.Select(problem => new NamedPolicy($"unreadable part of {user.Name}", PolicyDocument.Unreadable(problem))));
                var boundary = user.PermissionsBoundaryArn is { } boundaryArn ? Managed(boundaryArn, user.Arn, managed, locations, pending) : null;
                return (user.Arn, Policies: policies.ToImmutable(), Boundary: boundary, Pending: pending);
            });
            var rolesResolved = account.Roles.AsParallel().AsOrdered().Select(role =>
            {
                var pending = new List<PendingDiagnostic>();
                var policies = ImmutableArray.CreateBuilder<NamedPolicy>();
                policies.AddRange(role.InlinePolicies.Select(p => new NamedPolicy($"{role.Name} inline policy {p.Name}", p.Document)));
                policies.AddRange(role.AttachedPolicies.Select(a => Managed(a.PolicyArn, role.Arn, managed, locations, pending)));
                policies.AddRange(role.Problems.Select(problem => new NamedPolicy($"unreadable part of {role.Name}", PolicyDocument.Unreadable(problem))));
                var boundary = role.PermissionsBoundaryArn is { } boundaryArn ? Managed(boundaryArn, role.Arn, managed, locations, pending) : null;
                return (role.Arn, Policies: policies.ToImmutable(), Boundary: boundary, Pending: pending);
            });

            foreach (var (arn, policies, boundary, pending) in usersResolved.Concat(rolesResolved))
            {
                identity[arn] = policies;
                boundaries[arn] = boundary;
                foreach (var (diagnostic, once) in pending)
                {
                    if (once is not { } key || reported.Add(key))
                    {
                        diagnostics.Add(diagnostic);
                    }
                }
            }
        }

        var resourcePolicies = new Dictionary<string, AwsResourcePolicy>(StringComparer.Ordinal);
        foreach (var resource in resources ?? [])
        {
            if (!resourcePolicies.TryAdd(resource.Arn, resource))
            {
                diagnostics.Add(IngestDiagnosticCodes.DuplicateEntity, DiagnosticSeverity.Warning, $"resource `{resource.Arn}` has more than one policy in the inputs; the first is used", resource.Location);
            }
        }

        var (s3Buckets, s3Accounts) = ChooseS3Settings(s3 ?? new S3Exports(), diagnostics);
        var accessPoints = ChooseAccessPoints(s3 ?? new S3Exports(), diagnostics);

        // Before the diagnostics are sorted into the estate: linking reports assignments whose role is missing.
        var linkedIdentityCenter = identityCenter is null ? null : IdentityCenterReader.LinkRoles(identityCenter, built.ToImmutable(), diagnostics);
        if (built.Count == 0 && organization is null && resourcePolicies.Count == 0)
        {
            diagnostics.Add(IngestDiagnosticCodes.NothingUsable, DiagnosticSeverity.Error, "no usable AWS export was found in the inputs", SourceLocation.None);
        }

        return new AwsEstate(built.ToImmutable(), organization, [.. inputs], diagnostics.ToSortedArray(), identity.ToFrozenDictionary(StringComparer.Ordinal), boundaries.ToFrozenDictionary(StringComparer.Ordinal), managed.ToFrozenDictionary(StringComparer.Ordinal))
        {
            ResourcePolicies = resourcePolicies.ToFrozenDictionary(StringComparer.Ordinal),
            HasResourcePolicyExport = resources is not null && inputs.Exists(i => i.Kind == InputKind.ResourcePolicies),
            IdentityCenter = linkedIdentityCenter,
            S3Buckets = s3Buckets,
            S3Accounts = s3Accounts,
            S3Access = Resources.S3BucketAccessBuilder.Build(s3Buckets, s3Accounts, resourcePolicies),
            S3AccessPoints = accessPoints,
        };
    }

    /// <summary>One entry per access point: the first; a second is reported.</summary>
    private static FrozenDictionary<string, S3AccessPoint> ChooseAccessPoints(S3Exports s3, DiagnosticBag diagnostics)
    {
        var accessPoints = new Dictionary<string, S3AccessPoint>(StringComparer.Ordinal);
        foreach (var accessPoint in s3.AccessPoints.Where(a => !accessPoints.TryAdd(a.Arn, a)))
        {
            diagnostics.Add(IngestDiagnosticCodes.DuplicateEntity, DiagnosticSeverity.Warning, $"access point `{accessPoint.Arn}` has more than one entry in the S3 settings; the first is used", accessPoint.Location);
        }

        return accessPoints.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>One entry per bucket and per account: the first; a second is reported.</summary>
    private static (FrozenDictionary<string, S3BucketSettings> Buckets, FrozenDictionary<string, S3AccountSettings> Accounts) ChooseS3Settings(S3Exports s3, DiagnosticBag diagnostics)
    {
        var buckets = new Dictionary<string, S3BucketSettings>(StringComparer.Ordinal);
        foreach (var bucket in s3.Buckets.Where(b => !buckets.TryAdd(b.Arn, b)))
        {
            diagnostics.Add(IngestDiagnosticCodes.DuplicateEntity, DiagnosticSeverity.Warning, $"bucket `{bucket.Name}` has more than one entry in the S3 settings; the first is used", bucket.Location);
        }

        var accounts = new Dictionary<string, S3AccountSettings>(StringComparer.Ordinal);
        foreach (var account in s3.Accounts.Where(a => !accounts.TryAdd(a.Account, a)))
        {
            diagnostics.Add(IngestDiagnosticCodes.DuplicateEntity, DiagnosticSeverity.Warning, $"the S3 settings of account `{account.Account}` are given more than once; the first file is used", account.Location);
        }

        return (buckets.ToFrozenDictionary(StringComparer.Ordinal), accounts.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>One credential report per account: the most recently generated one; the others are reported.</summary>
    private static Dictionary<string, CredentialReport> ChooseCredentialReports(List<CredentialReport> reports, DiagnosticBag diagnostics)
    {
        var chosen = new Dictionary<string, CredentialReport>(StringComparer.Ordinal);
        foreach (var group in reports.GroupBy(r => r.Account, StringComparer.Ordinal))
        {
            // The best known time of each: when it was generated, else (a bare CSV) its newest timestamp, which it
            // cannot be older than. A CSV with a timestamp after a JSON report's GeneratedTime is the newer report.
            var ordered = group
                .OrderByDescending(r => r.GeneratedTime ?? r.NewestTimestamp ?? DateTimeOffset.MinValue)
                .ThenByDescending(r => r.GeneratedTime is not null)
                .ThenBy(r => r.File, StringComparer.Ordinal)
                .ToList();
            chosen[group.Key] = ordered[0];
            foreach (var other in ordered.Skip(1))
            {
                diagnostics.Add(IngestDiagnosticCodes.CredentialReportDuplicate, DiagnosticSeverity.Warning, $"a second credential report for account `{group.Key}`; only the most recent, `{ordered[0].File}`, is used", new SourceLocation(other.File));
            }
        }

        return chosen;
    }

    /// <summary>Service last accessed data by account, one report per principal (the most recent job); duplicates are reported.</summary>
    private static Dictionary<string, ImmutableArray<ServiceLastAccessedReport>> ChooseServiceLastAccessed(List<ServiceLastAccessedReport> reports, DiagnosticBag diagnostics)
    {
        var chosen = new Dictionary<string, ImmutableArray<ServiceLastAccessedReport>>(StringComparer.Ordinal);
        foreach (var account in reports.GroupBy(r => r.Account, StringComparer.Ordinal))
        {
            var kept = ImmutableArray.CreateBuilder<ServiceLastAccessedReport>();
            foreach (var principal in account.GroupBy(r => r.PrincipalArn, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var ordered = principal.OrderByDescending(r => r.JobCompleted ?? DateTimeOffset.MinValue).ThenBy(r => r.File, StringComparer.Ordinal).ToList();
                kept.Add(ordered[0]);
                foreach (var other in ordered.Skip(1))
                {
                    diagnostics.Add(IngestDiagnosticCodes.ServiceLastAccessedDuplicate, DiagnosticSeverity.Warning, $"service last accessed data for `{principal.Key}` is given more than once; only the most recent job is used", other.Location);
                }
            }

            chosen[account.Key] = kept.ToImmutable();
        }

        return chosen;
    }

    /// <summary>The credential report and service last accessed data should describe the principals of the authorization details.</summary>
    private static void CheckAgainstAuthorizationDetails(AwsAccount account, Dictionary<string, SourceLocation> locations, DiagnosticBag diagnostics)
    {
        if (account.Users.IsEmpty && account.Roles.IsEmpty)
        {
            return;
        }

        var users = account.Users.Select(u => u.Arn).ToHashSet(StringComparer.Ordinal);
        if (account.CredentialReport is { } report)
        {
            foreach (var entry in report.Users.Where(e => !users.Contains(e.Arn)))
            {
                diagnostics.Add(IngestDiagnosticCodes.CredentialReportMismatch, DiagnosticSeverity.Warning, $"user `{entry.Arn}` is in the credential report but not in the authorization details: the two were exported at different times", entry.Location);
            }

            var reported = report.Users.Select(e => e.Arn).ToHashSet(StringComparer.Ordinal);
            foreach (var user in account.Users.Where(u => !reported.Contains(u.Arn)))
            {
                diagnostics.Add(IngestDiagnosticCodes.CredentialReportMismatch, DiagnosticSeverity.Warning, $"user `{user.Arn}` is not in the credential report (exported at a different time?): its credentials are not analysed", locations.GetValueOrDefault(user.Arn, SourceLocation.None));
            }
        }

        var principals = account.Roles.Select(r => r.Arn).Concat(users).ToHashSet(StringComparer.Ordinal);
        foreach (var activity in account.ServiceLastAccessed.Where(a => !principals.Contains(a.PrincipalArn)))
        {
            diagnostics.Add(IngestDiagnosticCodes.ServiceLastAccessedUnknownPrincipal, DiagnosticSeverity.Warning, $"service last accessed data names `{activity.PrincipalArn}`, which is not in the authorization details; it is still analysed", activity.Location);
        }
    }

    private static (List<IamUser> Users, List<IamGroup> Groups, List<IamRole> Roles, List<ManagedPolicy> Policies, SortedSet<string> Sources) Entry(
        SortedDictionary<string, (List<IamUser>, List<IamGroup>, List<IamRole>, List<ManagedPolicy>, SortedSet<string>)> accounts, string account, string file)
    {
        if (!accounts.TryGetValue(account, out var entry))
        {
            entry = ([], [], [], [], new SortedSet<string>(StringComparer.Ordinal));
            accounts[account] = entry;
        }

        entry.Item5.Add(file);
        return entry;
    }

    /// <summary>
    /// One warning per pair of files that describe the same users, groups, roles or policies (two exports of one
    /// account in the same folder, say): which file's copies are used, and whether the other's differ. Within one
    /// file, each repeated entry is told on its own.
    /// </summary>
    private static void ReportRepeats(List<(string Arn, SourceLocation Kept, SourceLocation Again)> repeats, DiagnosticBag diagnostics)
    {
        foreach (var pair in repeats.GroupBy(r => (Kept: r.Kept.File, Again: r.Again.File)))
        {
            if (pair.Key.Kept == pair.Key.Again)
            {
                foreach (var (arn, _, again) in pair)
                {
                    diagnostics.Add(IngestDiagnosticCodes.DuplicateEntity, DiagnosticSeverity.Warning, $"`{arn}` appears more than once in this file; the first occurrence is used", again);
                }

                continue;
            }

            var entries = pair.ToList();
            var differing = DifferingCopies(pair.Key.Kept, pair.Key.Again, entries);
            var accounts = string.Join(", ", entries.Select(e => e.Arn.Split(':').ElementAtOrDefault(4)).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
            var count = entries.Count == 1 ? "1 user, group, role or policy" : $"{entries.Count} users, groups, roles and policies";
            var outcome = differing switch
            {
                null => "(the two copies could not be compared)",
                [] => "(the copies are identical)",
                _ => $"and {differing.Count} of them {(differing.Count == 1 ? "differs" : "differ")} from the copy here, which is not analysed: {string.Join(", ", differing.Take(5).Select(arn => $"`{arn}`"))}{(differing.Count > 5 ? ", …" : string.Empty)}",
            };
            diagnostics.Add(
                IngestDiagnosticCodes.DuplicateEntity,
                DiagnosticSeverity.Warning,
                $"this file describes again {count} of `{pair.Key.Kept}` (account {accounts}): the copies in `{pair.Key.Kept}` are used {outcome}; give one export per account",
                entries[0].Again);
        }
    }

    /// <summary>The entries whose two copies are not the same JSON (null: a file could not be read again).</summary>
    private static List<string>? DifferingCopies(string keptFile, string againFile, List<(string Arn, SourceLocation Kept, SourceLocation Again)> entries)
    {
        try
        {
            using var kept = JsonDocument.Parse(Utf8Input.Read(keptFile), Options);
            using var again = JsonDocument.Parse(Utf8Input.Read(againFile), Options);
            var differing = new List<string>();
            foreach (var (arn, keptAt, againAt) in entries)
            {
                if (ListItem(kept.RootElement, keptAt.JsonPath) is not { } first || ListItem(again.RootElement, againAt.JsonPath) is not { } second)
                {
                    return null;
                }

                if (!JsonElement.DeepEquals(first, second))
                {
                    differing.Add(arn);
                }
            }

            return differing;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The element at a path of the form <c>$.List[3]</c>, where an export's entries are located.</summary>
    private static JsonElement? ListItem(JsonElement root, string? path)
    {
        var open = path?.IndexOf('[', StringComparison.Ordinal) ?? -1;
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal) || open < 0 || !path.EndsWith(']')
            || !int.TryParse(path.AsSpan(open + 1, path.Length - open - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            || root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(path[2..open], out var list)
            || list.ValueKind != JsonValueKind.Array || index >= list.GetArrayLength())
        {
            return null;
        }

        return list[index];
    }

    private static NamedPolicy Managed(string arn, string holder, Dictionary<string, ManagedPolicy> managed, Dictionary<string, SourceLocation> locations, List<PendingDiagnostic> pending)
    {
        if (managed.TryGetValue(arn, out var policy) && policy.DefaultDocument is { } document)
        {
            return new NamedPolicy(arn, document);
        }

        if (policy is null)
        {
            pending.Add(new PendingDiagnostic(
                new Diagnostic(IngestDiagnosticCodes.MissingManagedPolicy, DiagnosticSeverity.Error, $"`{holder}` has managed policy `{arn}` attached, but the policy is not in the export; decisions it could change are indeterminate", locations.GetValueOrDefault(holder, SourceLocation.None)),
                Once: (holder, arn)));
        }

        return new NamedPolicy(arn, PolicyDocument.Unreadable($"managed policy `{arn}` is not in the export"));
    }

    /// <summary>A diagnostic found while resolving a principal's policies, reported once per <see cref="Once"/> key when given.</summary>
    private sealed record PendingDiagnostic(Diagnostic Diagnostic, (string Holder, string Arn)? Once);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }

    /// <summary>What the files held, by kind, before they are merged into accounts.</summary>
    private sealed class ReadExports
    {
        public List<GaadExport> Gaad { get; } = [];

        public List<CredentialReport> CredentialReports { get; } = [];

        public List<ServiceLastAccessedReport> ServiceLastAccessed { get; } = [];

        public List<AwsResourcePolicy> Resources { get; } = [];

        public AwsIdentityCenter? IdentityCenter { get; set; }

        public S3Exports S3 { get; } = new();
    }

    /// <summary>The S3 settings files' accounts and buckets, before duplicates are set aside.</summary>
    internal sealed class S3Exports
    {
        public List<S3AccountSettings> Accounts { get; } = [];

        public List<S3BucketSettings> Buckets { get; } = [];

        public List<S3AccessPoint> AccessPoints { get; } = [];
    }
}
