using System.Collections.Immutable;
using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Core.Inputs;
using Ward.Microsoft.Azure.Ingest;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.AzureHound;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Exchange;

namespace Ward.Microsoft;

/// <summary>
/// Reads Microsoft exports from files and folders (recursively, in ordinal path order), each file once, and routes it
/// by content: AzureHound output to both the directory and the Azure estate, a Microsoft Graph response to the
/// directory, Exchange Online application access policies beside the directory, an az CLI or ARM export to the Azure
/// estate. A file none of them recognises is listed as
/// <see cref="MicrosoftInputKind.NotRecognised"/> without a diagnostic, so that folders may hold other clouds'
/// exports. Never throws on user input.
/// </summary>
public static class MicrosoftEstateLoader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 128, AllowDuplicateProperties = false };

    public static MicrosoftEstates Load(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var inputs = new List<MicrosoftInputFile>();
        var fileDiagnostics = new DiagnosticBag();
        var entraDiagnostics = new DiagnosticBag();
        var azureDiagnostics = new DiagnosticBag();
        var houndDiagnostics = new DiagnosticBag();
        var exchangeDiagnostics = new DiagnosticBag();
        var accessPolicies = ImmutableArray.CreateBuilder<ApplicationAccessPolicy>();
        var accessPolicyFiles = ImmutableArray.CreateBuilder<string>();
        var builder = new EntraDirectoryBuilder(entraDiagnostics);
        var entries = new ReadEntries();
        var entraInputs = ImmutableArray.CreateBuilder<EntraInputFile>();
        var azureInputs = new List<AzureInputFile>();
        var jsonLines = new HashSet<string>(StringComparer.Ordinal);
        var documents = new List<JsonDocument>();
        using var hound = new AzureHoundReader(builder, entries, entraDiagnostics, azureDiagnostics, houndDiagnostics);
        try
        {
            // Files are parsed on every core, in order, while this thread routes the ones already parsed: parsing (and
            // recognising the file, and reading an Azure export into entries of its own) is most of the reading and
            // needs nothing shared; routing fills the builders and must stay in path order.
            var files = Expand(paths, fileDiagnostics, inputs).ToList();
            var parsed = files.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(Parse);
            foreach (var (file, parsedDocument, problem, isJsonLines, route) in parsed)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (isJsonLines)
                {
                    jsonLines.Add(file);
                }

                if (problem is { } unread)
                {
                    (unread.IsAzureHound ? houndDiagnostics : fileDiagnostics).AddRange(unread.Diagnostics);
                    if (unread.Input is { } input)
                    {
                        inputs.Add(input);
                    }
                }

                if (parsedDocument is not { } document)
                {
                    continue;
                }

                // Kept open until both estates are built: pages and entries are views into their documents.
                documents.Add(document);
                var root = document.RootElement;
                if (route!.HoundRecords is { } records)
                {
                    var read = hound.Read(file, root, records);
                    inputs.Add(new MicrosoftInputFile(file, MicrosoftInputKind.AzureHound, read.Note));
                    if (read.EntraRecords > 0)
                    {
                        entraInputs.Add(new EntraInputFile(file, EntraInputKind.GraphResponse, read.Note));
                    }

                    if (read.AzureRecords > 0)
                    {
                        azureInputs.Add(new AzureInputFile(file, AzureInputKind.Read, read.Note));
                    }

                    continue;
                }

                if (route.AccessPolicies is var (policies, policyDiagnostics))
                {
                    accessPolicies.AddRange(policies);
                    accessPolicyFiles.Add(file);
                    exchangeDiagnostics.AddRange(policyDiagnostics);
                    inputs.Add(new MicrosoftInputFile(file, MicrosoftInputKind.ExchangeOnline, $"Exchange Online application access policies: {policies.Length} polic{(policies.Length == 1 ? "y" : "ies")}"));
                    continue;
                }

                var recognized = route.Recognized!;
                entraDiagnostics.AddRange(route.RecognizeDiagnostics!.ToSortedArray());
                if (recognized.GraphPage is { } page)
                {
                    var json = new GraphJson(file, entraDiagnostics);
                    builder.Add(page, json);
                    json.ReportUnknownFields();
                    var note = $"{page.Description}: {page.Items.Length} object{(page.Items.Length == 1 ? string.Empty : "s")}{(page.NextLink is null ? string.Empty : "; more pages follow")}";
                    entraInputs.Add(new EntraInputFile(file, EntraInputKind.GraphResponse, note));
                    inputs.Add(new MicrosoftInputFile(file, MicrosoftInputKind.GraphResponse, note));
                    continue;
                }

                if (recognized.IsGraph)
                {
                    entraInputs.Add(new EntraInputFile(file, EntraInputKind.GraphResponseNotRead, recognized.Note));
                    inputs.Add(new MicrosoftInputFile(file, MicrosoftInputKind.GraphResponseNotRead, recognized.Note));
                    continue;
                }

                var (azure, azureEntries, readDiagnostics) = route.Azure!.Value;
                entries.Add(azureEntries);
                azureDiagnostics.AddRange(readDiagnostics.ToSortedArray());
                azureInputs.Add(azure);
                inputs.Add(new MicrosoftInputFile(file, azure.Kind switch
                {
                    AzureInputKind.Read => MicrosoftInputKind.Azure,
                    AzureInputKind.Empty => MicrosoftInputKind.Empty,
                    _ => MicrosoftInputKind.NotRecognised,
                }, azure.Kind == AzureInputKind.Unrecognized ? "not a Microsoft Graph, Azure or AzureHound export Ward recognises" : azure.Note));
            }

            var source = SourceOf(jsonLines);
            hound.AttachFederatedCredentials();

            // The Azure estate needs nothing of the directory: it is built on another core while the directory is.
            var estateBuild = Task.Run(() => azureInputs.Count == 0 ? AzureEstate.Empty : AzureEstateBuilder.Build(entries, azureInputs, azureDiagnostics, source), cancellationToken);
            var directory = builder.Build(entraInputs.ToImmutable());
            var estate = estateBuild.GetAwaiter().GetResult();
            var definitionsReported = hound.Finish(directory, estate);

            // AzureHound records have their own dangling-reference diagnostics (located at the entry, not the list).
            var entraFound = Located(entraDiagnostics.ToSortedArray().Where(d => !(d.Code == EntraDiagnosticCodes.DanglingRelation && hound.Files.Contains(d.Location.File))), source);
            // With no role definitions at all, AzureHound's report says why and what to add: the estate's own is the same news.
            var azureFound = Located(azureDiagnostics.ToSortedArray().Where(d => d.Code != AzureDiagnosticCodes.UnrecognizedFile
                && !(d.Code == AzureDiagnosticCodes.NothingUsable && !directory.IsEmpty)
                && !(d.Code == AzureDiagnosticCodes.MissingRoleDefinition && definitionsReported)), source);
            // Policies are read only as a whole: with the file given, an application none names is limited by none.
            var policiesRead = accessPolicyFiles.Count == 0 ? null : new ApplicationAccessPolicies(accessPolicies.ToImmutable(), accessPolicyFiles.ToImmutable());
            exchangeDiagnostics.AddRange(ScopesNotInExport(policiesRead, directory));
            directory = directory with { Diagnostics = entraFound, ApplicationAccessPolicies = policiesRead };
            estate = estate with { Diagnostics = azureFound };
            var all = new DiagnosticBag();
            all.AddRange(Located(fileDiagnostics.ToSortedArray(), source));
            all.AddRange(Located(houndDiagnostics.ToSortedArray(), source));
            all.AddRange(Located(exchangeDiagnostics.ToSortedArray(), source));
            all.AddRange(entraFound);
            all.AddRange(azureFound);
            return new MicrosoftEstates(directory, estate) { Inputs = [.. inputs], Diagnostics = all.ToSortedArray() };
        }
        finally
        {
            foreach (var document in documents)
            {
                document.Dispose();
            }
        }
    }

    private static IEnumerable<string> Expand(IEnumerable<string> paths, DiagnosticBag diagnostics, List<MicrosoftInputFile> inputs) =>
        InputPaths.Expand(
            paths,
            file => InputPaths.HasExtension(file, ".json", ".jsonl"),
            file => inputs.Add(new MicrosoftInputFile(file, MicrosoftInputKind.NotRecognised, InputPaths.NotReadNote(file))),
            (path, message, note, severity) =>
            {
                diagnostics.Add(EntraDiagnosticCodes.UnreadableFile, severity, message, new SourceLocation(path));
                inputs.Add(new MicrosoftInputFile(path, MicrosoftInputKind.Unreadable, note));
            });

    /// <summary>
    /// Parses a file: one JSON document, or JSON Lines of AzureHound records (parsed as one array with the same lines).
    /// Touches nothing shared, so files are parsed in parallel: what went wrong comes back with the result.
    /// </summary>
    private static ParsedFile Parse(string file)
    {
        byte[] bytes;
        try
        {
            bytes = Utf8Input.Read(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new ParsedFile(file, null, new Problem(
                [new Diagnostic(EntraDiagnosticCodes.UnreadableFile, DiagnosticSeverity.Error, $"cannot read the file: {exception.Message}", new SourceLocation(file))],
                new MicrosoftInputFile(file, MicrosoftInputKind.Unreadable, exception.Message)), IsJsonLines: false);
        }

        try
        {
            var document = JsonDocument.Parse(bytes.AsMemory(), Options);
            return new ParsedFile(file, document, null, IsJsonLines: false, Prepare(file, document.RootElement));
        }
        catch (JsonException exception)
        {
            if (AzureHoundFormat.JsonLines(bytes) is var (array, badLines))
            {
                try
                {
                    var problem = badLines.IsEmpty ? null : new Problem([.. BadLineDiagnostics(file, badLines)], null, IsAzureHound: true);
                    var document = JsonDocument.Parse(array.AsMemory(), Options);
                    return new ParsedFile(file, document, problem, IsJsonLines: true, Prepare(file, document.RootElement));
                }
                catch (JsonException linesException)
                {
                    // A record that repeats a key: the lines' array keeps the file's line numbers, so the place is the file's.
                    return Invalid(file, linesException, array);
                }
            }

            return Invalid(file, exception, bytes);
        }
    }

    private static ParsedFile Invalid(string file, JsonException exception, byte[] bytes) =>
        new(file, null, new Problem(
            [new Diagnostic(EntraDiagnosticCodes.InvalidJson, DiagnosticSeverity.Error, $"not valid JSON ({FirstSentence(exception.Message)}); the file was skipped", JsonErrorLocation.Of(exception, bytes, file))],
            new MicrosoftInputFile(file, MicrosoftInputKind.Unreadable, "invalid JSON")), IsJsonLines: false);

    /// <summary>
    /// What routing a parsed file needs that touches nothing shared: whether it is AzureHound output, what kind of
    /// Graph response it is, and, for any other file, the Azure entries read from it; diagnostics kept apart, for
    /// routing to add in path order.
    /// </summary>
    private static Route Prepare(string file, JsonElement root)
    {
        if (ApplicationAccessPolicyReader.Recognizes(file, root))
        {
            return new Route(null, null, null, null, ApplicationAccessPolicyReader.Read(file, root));
        }

        if (AzureHoundFormat.Records(root) is { } records)
        {
            return new Route(records, null, null, null);
        }

        var recognizeDiagnostics = new DiagnosticBag();
        var recognized = GraphResponseRecognizer.Recognize(file, root, recognizeDiagnostics);
        if (recognized.IsGraph)
        {
            return new Route(null, recognized, recognizeDiagnostics, null);
        }

        var entries = new ReadEntries();
        var azureDiagnostics = new DiagnosticBag();
        var azure = AzureEstateLoader.ReadRoot(file, root, entries, new ArmJson(file, azureDiagnostics));
        return new Route(null, recognized, recognizeDiagnostics, (azure, entries, azureDiagnostics));
    }

    /// <summary>
    /// One error per run of consecutive lines of JSON Lines output that are not records (a record cut short, a line
    /// of something else), at its first line; the records around them are read.
    /// </summary>
    private static IEnumerable<Diagnostic> BadLineDiagnostics(string file, ImmutableArray<int> badLines)
    {
        for (var i = 0; i < badLines.Length;)
        {
            var last = i;
            while (last + 1 < badLines.Length && badLines[last + 1] == badLines[last] + 1)
            {
                last++;
            }

            var what = last == i ? "this line" : $"lines {badLines[i]}-{badLines[last]}";
            yield return new Diagnostic(AzureHoundDiagnosticCodes.InvalidJsonLine, DiagnosticSeverity.Error, $"{what} of AzureHound JSON Lines output {(last == i ? "is" : "are")} not valid JSON and {(last == i ? "was" : "were")} skipped; the records on the other lines were read", new SourceLocation(file, null, badLines[i]));
            i = last + 1;
        }
    }

    /// <summary>The bytes diagnostics are located in: the file, or for JSON Lines the array it was read as.</summary>
    private static Func<string, ReadOnlyMemory<byte>?> SourceOf(HashSet<string> jsonLines) => file =>
    {
        try
        {
            var bytes = Utf8Input.Read(file);
            return jsonLines.Contains(file) && AzureHoundFormat.JsonLines(bytes) is var (array, _) ? array : bytes;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    };

    /// <summary>Adds line and column to diagnostics located by JSON path, reading again only the files that have some.</summary>
    private static ImmutableArray<Diagnostic> Located(IEnumerable<Diagnostic> diagnostics, Func<string, ReadOnlyMemory<byte>?> source)
    {
        var located = new DiagnosticBag();
        foreach (var byFile in diagnostics.GroupBy(d => d.Location.File, StringComparer.Ordinal))
        {
            var items = byFile.ToList();
            if (byFile.Key.Length == 0 || !items.Exists(d => d.Location.Line is null && d.Location.JsonPath is not null) || source(byFile.Key) is not { } bytes)
            {
                located.AddRange(items);
                continue;
            }

            located.AddRange(JsonLineLocator.WithLines(items, bytes));
        }

        return located.ToSortedArray();
    }

    /// <summary>
    /// A policy whose scope is neither an exported group nor user still limits its application; whose mailboxes it
    /// holds is unknown (info, once per scope). Not said when the inputs hold no directory objects at all.
    /// </summary>
    private static IEnumerable<Diagnostic> ScopesNotInExport(ApplicationAccessPolicies? policies, EntraDirectory directory)
    {
        if (policies is null || (directory.Users.IsEmpty && directory.Groups.IsEmpty))
        {
            return [];
        }

        return policies.Policies
            .Where(p => p.ScopeObjectId is { } id && directory.FindGroup(id) is null && directory.FindUser(id) is null)
            .DistinctBy(p => p.ScopeObjectId, StringComparer.Ordinal)
            .Select(p => new Diagnostic(ExchangeDiagnosticCodes.ScopeNotInExport, DiagnosticSeverity.Info, $"the scope `{p.ScopeName ?? p.ScopeObjectId}` (object `{p.ScopeObjectId}`) of an application access policy is not among the exported groups and users: the policy still limits its application, but whose mailboxes it holds is unknown", p.Location));
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }

    /// <summary>A file read and parsed (or not), with what went wrong and how to list it.</summary>
    private sealed record ParsedFile(string File, JsonDocument? Document, Problem? Problem, bool IsJsonLines, Route? Route = null);

    /// <summary>How a parsed file is routed: application access policies, AzureHound records, else the Graph recognizer's verdict and, for no Graph response, what was read as an Azure export.</summary>
    private sealed record Route(
        ImmutableArray<(JsonElement Record, string Path)>? HoundRecords,
        RecognizedFile? Recognized,
        DiagnosticBag? RecognizeDiagnostics,
        (AzureInputFile Input, ReadEntries Entries, DiagnosticBag Diagnostics)? Azure,
        (ImmutableArray<ApplicationAccessPolicy> Policies, ImmutableArray<Diagnostic> Diagnostics)? AccessPolicies = null);

    private sealed record Problem(ImmutableArray<Diagnostic> Diagnostics, MicrosoftInputFile? Input, bool IsAzureHound = false);
}
