using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Core.Inputs;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>
/// Loads an Azure RBAC estate from files and folders (read recursively, in ordinal path order). Each <c>.json</c>
/// file is recognised by its content, in the az CLI form (a flat list, or one object) or the ARM REST form
/// (<c>{"value": [...], "nextLink": ...}</c>); several files and pages per collection are merged. What cannot be
/// read is reported with a located diagnostic and skipped; the rest is still loaded. Never throws on user input.
/// </summary>
public static class AzureEstateLoader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 128, AllowDuplicateProperties = false };

    public static AzureEstate Load(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var diagnostics = new DiagnosticBag();
        var inputs = new List<AzureInputFile>();
        var entries = new ReadEntries();
        foreach (var file in ExpandPaths(paths, diagnostics, inputs))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ReadFile(file, entries, diagnostics, inputs);
        }

        return AzureEstateBuilder.Build(entries, inputs, diagnostics);
    }

    /// <summary>Reads one document already in memory (for tests and for callers that fetched it themselves).</summary>
    internal static void ReadDocument(string file, ReadOnlyMemory<byte> utf8, ReadEntries entries, DiagnosticBag diagnostics, List<AzureInputFile> inputs)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException exception)
        {
            diagnostics.Add(AzureDiagnosticCodes.InvalidJson, DiagnosticSeverity.Error, $"not valid JSON ({FirstSentence(exception.Message)}); the file was skipped", JsonErrorLocation.Of(exception, utf8.Span, file));
            inputs.Add(new AzureInputFile(file, AzureInputKind.Unreadable, "invalid JSON"));
            return;
        }

        var fileDiagnostics = new DiagnosticBag();
        using (document)
        {
            inputs.Add(ReadRoot(file, document.RootElement, entries, new ArmJson(file, fileDiagnostics)));
        }

        // Lines are looked up only for files that have diagnostics: one extra pass over those files alone.
        diagnostics.AddRange(fileDiagnostics.Count == 0 ? [] : JsonLineLocator.WithLines(fileDiagnostics.ToSortedArray(), utf8));
    }

    private static IEnumerable<string> ExpandPaths(IEnumerable<string> paths, DiagnosticBag diagnostics, List<AzureInputFile> inputs) =>
        InputPaths.Expand(
            paths,
            file => InputPaths.HasExtension(file, ".json"),
            file => inputs.Add(new AzureInputFile(file, AzureInputKind.Unrecognized, InputPaths.NotReadNote(file))),
            (path, message, note, severity) =>
            {
                diagnostics.Add(AzureDiagnosticCodes.UnreadableFile, severity, message, new SourceLocation(path));
                inputs.Add(new AzureInputFile(path, AzureInputKind.Unreadable, note));
            });

    private static void ReadFile(string file, ReadEntries entries, DiagnosticBag diagnostics, List<AzureInputFile> inputs)
    {
        byte[] bytes;
        try
        {
            bytes = Utf8Input.Read(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(AzureDiagnosticCodes.UnreadableFile, DiagnosticSeverity.Error, $"cannot read the file: {exception.Message}", new SourceLocation(file));
            inputs.Add(new AzureInputFile(file, AzureInputKind.Unreadable, exception.Message));
            return;
        }

        ReadDocument(file, bytes, entries, diagnostics, inputs);
    }

    internal static AzureInputFile ReadRoot(string file, JsonElement root, ReadEntries entries, ArmJson json)
    {
        List<(JsonElement Item, string Path)> items;
        bool? moreFollow = null;
        switch (root.ValueKind)
        {
            case JsonValueKind.Array:
                items = [.. root.EnumerateArray().Select((item, i) => (item, JsonPath.Index(JsonPath.Root, i)))];
                break;
            case JsonValueKind.Object when root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array:
                items = [.. value.EnumerateArray().Select((item, i) => (item, JsonPath.Index("$.value", i)))];
                moreFollow = root.TryGetProperty("nextLink", out var next) && next.ValueKind == JsonValueKind.String && next.GetString()!.Length > 0;
                break;
            case JsonValueKind.Object when IsResourceGraphResult(root, out var data):
                if (data.ValueKind != JsonValueKind.Array)
                {
                    json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, "a Resource Graph result in the table format (`columns` and `rows`), which Ward does not read; ask for `resultFormat` `objectArray` (the az CLI's, and the REST API's default since 2021-03-01); the file was skipped", "$.data");
                    return new AzureInputFile(file, AzureInputKind.Unrecognized, "a Resource Graph table, not read");
                }

                items = [.. data.EnumerateArray().Select((item, i) => (item, JsonPath.Index("$.data", i)))];
                moreFollow = SkipToken(root) is not null;
                ReportTruncation(root, json);
                break;
            case JsonValueKind.Object when ArmItemClassifier.Classify(root) != ArmItemKind.Unknown:
                items = [(root, JsonPath.Root)];
                break;
            default:
                return Unrecognized(file, json);
        }

        if (items.Count == 0)
        {
            return new AzureInputFile(file, AzureInputKind.Empty, "an empty list: nothing to read");
        }

        var kinds = items.Select(i => ArmItemClassifier.Classify(i.Item)).ToList();
        if (kinds.TrueForAll(k => k == ArmItemKind.Unknown))
        {
            return Unrecognized(file, json);
        }

        var before = new Counts(entries);
        for (var i = 0; i < items.Count; i++)
        {
            var (element, path) = items[i];
            var item = new ArmItem(element, path);
            switch (kinds[i])
            {
                case ArmItemKind.RoleDefinition:
                    Add(entries.RoleDefinitions, RoleDefinitionReader.Read(item, json));
                    break;
                case ArmItemKind.RoleAssignment:
                    Add(entries.RoleAssignments, RoleAssignmentReader.Read(item, json));
                    break;
                case ArmItemKind.DenyAssignment:
                    Add(entries.DenyAssignments, DenyAssignmentReader.Read(item, json));
                    break;
                case ArmItemKind.Eligibility:
                    Add(entries.Eligibilities, EligibilityReader.Read(item, json));
                    break;
                case ArmItemKind.AssignmentScheduleInstance:
                    Add(entries.AssignmentScheduleInstances, AssignmentScheduleInstanceReader.Read(item, json));
                    break;
                case ArmItemKind.RoleManagementPolicyAssignment:
                    Add(entries.ActivationPolicies, ActivationPolicyReader.Assignment(item, json));
                    break;
                case ArmItemKind.RoleManagementPolicy:
                    if (ActivationPolicyReader.Policy(item, json) is { } policy)
                    {
                        entries.RoleManagementPolicies.Add(policy);
                    }

                    break;
                case ArmItemKind.ManagementGroup:
                    HierarchyReader.ReadManagementGroup(item, json, entries.Hierarchy);
                    break;
                case ArmItemKind.Subscription:
                    HierarchyReader.ReadSubscription(item, json, entries.Hierarchy);
                    break;
                case ArmItemKind.ClassicAdministrator:
                    Add(entries.ClassicAdministrators, ClassicAdministratorReader.Read(item, json));
                    break;
                case ArmItemKind.Resource:
                    Add(entries.Resources, AzureResourceReader.Read(item, json));
                    break;
                case ArmItemKind.KeyVaultCertificate:
                    Add(entries.KeyVaultCertificates, KeyVaultCertificateReader.Read(item, json));
                    break;
                case ArmItemKind.KeyVaultSecret:
                    Add(entries.KeyVaultSecrets, KeyVaultSecretReader.Read(item, json));
                    break;
                case ArmItemKind.FederatedCredential:
                    Add(entries.FederatedCredentials, FederatedCredentialReader.Read(item, json));
                    break;
                default:
                    json.Report(AzureDiagnosticCodes.UnknownEntry, DiagnosticSeverity.Error, element.ValueKind == JsonValueKind.Object
                        ? "an entry Ward does not recognise among the others of this file (no known `type` nor the fields of a role definition, role assignment, deny assignment, eligibility, assignment schedule instance, role management policy, management group, subscription, classic administrator, resource, key vault certificate or secret, or user-assigned identity's federated credential); skipped"
                        : $"expected an object, found {ArmJson.Describe(element.ValueKind)}; skipped", path);
                    break;
            }
        }

        if (moreFollow is { } more)
        {
            entries.Pages.Add((kinds.First(k => k != ArmItemKind.Unknown), more, json.At(root.TryGetProperty("nextLink", out _) ? "$.nextLink" : SkipToken(root)?.Path ?? "$.skip_token")));
        }

        var note = new Counts(entries).Since(before);
        return new AzureInputFile(file, AzureInputKind.Read, moreFollow is true ? note + " (a REST page; more pages follow)" : note);
    }

    /// <summary>
    /// A Resource Graph result: <c>az graph query</c>'s <c>{"count", "data", "skip_token", "total_records"}</c> (older
    /// extensions printed the bare array of rows, read as any list), or the REST API's <c>{"totalRecords", "count",
    /// "data", "resultTruncated", "$skipToken"}</c>. <paramref name="data"/> is an array of rows, or the table format.
    /// </summary>
    private static bool IsResourceGraphResult(JsonElement root, out JsonElement data)
    {
        data = default;
        return root.TryGetProperty("data", out data) && data.ValueKind is JsonValueKind.Array or JsonValueKind.Object
            && (root.TryGetProperty("count", out _) || root.TryGetProperty("total_records", out _) || root.TryGetProperty("totalRecords", out _)
                || root.TryGetProperty("skip_token", out _) || root.TryGetProperty("$skipToken", out _));
    }

    /// <summary>The token of the next page (the az CLI's <c>skip_token</c>, the REST API's <c>$skipToken</c>) and its path; null on the last page.</summary>
    private static (string Token, string Path)? SkipToken(JsonElement root)
    {
        foreach (var name in (ReadOnlySpan<string>)["skip_token", "$skipToken"])
        {
            if (root.TryGetProperty(name, out var token) && token.ValueKind == JsonValueKind.String && token.GetString() is { Length: > 0 } text)
            {
                return (text, JsonPath.Property(JsonPath.Root, name));
            }
        }

        return null;
    }

    /// <summary>
    /// Resource Graph sets <c>resultTruncated</c> (REST form only: the az CLI prints a warning instead) when it could not
    /// page the result, for a query with <c>limit</c> or <c>take</c>: the rows are a part, and no skip token leads on.
    /// </summary>
    private static void ReportTruncation(JsonElement root, ArmJson json)
    {
        if (root.TryGetProperty("resultTruncated", out var truncated)
            && (truncated.ValueKind == JsonValueKind.True || (truncated.ValueKind == JsonValueKind.String && string.Equals(truncated.GetString(), "true", StringComparison.OrdinalIgnoreCase))))
        {
            json.Report(AzureDiagnosticCodes.LastPageMissing, DiagnosticSeverity.Warning, "Resource Graph truncated this result and gave no skip token to page it (a query with `limit` or `take` is not paged): resources may be missing; query without them and follow `$skipToken`", "$.resultTruncated");
        }
    }

    private static AzureInputFile Unrecognized(string file, ArmJson json)
    {
        json.Report(AzureDiagnosticCodes.UnrecognizedFile, DiagnosticSeverity.Info, "not an Azure export Ward recognises (expected role definitions, role assignments, deny assignments, role eligibilities, role assignment schedule instances, management groups, subscriptions, classic administrators, resources, key vault certificates or secrets, or user-assigned identities' federated credentials, as az CLI, Resource Graph or ARM REST output); skipped", JsonPath.Root);
        return new AzureInputFile(file, AzureInputKind.Unrecognized, "content not recognised");
    }

    private static void Add<T>(List<T> list, T? item)
        where T : class
    {
        if (item is not null)
        {
            list.Add(item);
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Auto)]
    private readonly record struct Counts(int Definitions, int Assignments, int Denies, int Eligibilities, int Instances, int Policies, int Groups, int Subscriptions, int ClassicAdministrators, int Resources, int Certificates, int Secrets, int FederatedCredentials)
    {
        public Counts(ReadEntries entries)
            : this(entries.RoleDefinitions.Count, entries.RoleAssignments.Count, entries.DenyAssignments.Count, entries.Eligibilities.Count, entries.AssignmentScheduleInstances.Count, entries.ActivationPolicies.Count + entries.RoleManagementPolicies.Count, entries.Hierarchy.ManagementGroups.Count, entries.Hierarchy.Subscriptions.Count, entries.ClassicAdministrators.Count, entries.Resources.Count, entries.KeyVaultCertificates.Count, entries.KeyVaultSecrets.Count, entries.FederatedCredentials.Count)
        {
        }

        public string Since(Counts before)
        {
            var parts = new List<string>();
            Part(parts, Definitions - before.Definitions, "role definition");
            Part(parts, Assignments - before.Assignments, "role assignment");
            Part(parts, Denies - before.Denies, "deny assignment");
            Part(parts, Eligibilities - before.Eligibilities, "role eligibility", "role eligibilities");
            Part(parts, Instances - before.Instances, "role assignment schedule instance");
            Part(parts, Policies - before.Policies, "role management policy", "role management policies");
            Part(parts, Groups - before.Groups, "management group");
            Part(parts, Subscriptions - before.Subscriptions, "subscription");
            Part(parts, ClassicAdministrators - before.ClassicAdministrators, "classic administrator");
            Part(parts, Resources - before.Resources, "resource");
            Part(parts, Certificates - before.Certificates, "key vault certificate");
            Part(parts, Secrets - before.Secrets, "key vault secret");
            Part(parts, FederatedCredentials - before.FederatedCredentials, "federated credential");
            return parts.Count == 0 ? "no usable entry" : string.Join(", ", parts);
        }

        private static void Part(List<string> parts, int count, string singular, string? plural = null)
        {
            if (count > 0)
            {
                parts.Add($"{count} {(count == 1 ? singular : plural ?? singular + "s")}");
            }
        }
    }
}
