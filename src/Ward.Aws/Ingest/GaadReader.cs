using System.Collections.Immutable;
using System.Text.Json;
using Ward.Aws.Catalog;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Parsing;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Diagnostics;
using Ward.Core.Model;

namespace Ward.Aws.Ingest;

/// <summary>
/// Reads <c>aws iam get-account-authorization-details</c> output: the CLI form (documents as JSON objects) and the
/// raw API form (documents as URL-encoded strings). Entities without the fields Ward needs are skipped and reported;
/// everything else is kept, including every policy version, boundaries, instance profiles, tags and RoleLastUsed.
/// </summary>
public static class GaadReader
{
    private static readonly string[] TopLevelLists = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"];

    private static readonly HashSet<string> TopLevelFields = new(StringComparer.Ordinal) { "UserDetailList", "GroupDetailList", "RoleDetailList", "Policies", "IsTruncated", "Marker", "NextToken", "ResponseMetadata" };
    private static readonly HashSet<string> UserFields = new(StringComparer.Ordinal) { "Path", "UserName", "UserId", "Arn", "CreateDate", "UserPolicyList", "GroupList", "AttachedManagedPolicies", "PermissionsBoundary", "Tags", "PasswordLastUsed" };
    private static readonly HashSet<string> GroupFields = new(StringComparer.Ordinal) { "Path", "GroupName", "GroupId", "Arn", "CreateDate", "GroupPolicyList", "AttachedManagedPolicies" };
    private static readonly HashSet<string> RoleFields = new(StringComparer.Ordinal) { "Path", "RoleName", "RoleId", "Arn", "CreateDate", "AssumeRolePolicyDocument", "InstanceProfileList", "RolePolicyList", "AttachedManagedPolicies", "PermissionsBoundary", "Tags", "RoleLastUsed", "Description", "MaxSessionDuration" };
    private static readonly HashSet<string> PolicyFields = new(StringComparer.Ordinal) { "PolicyName", "PolicyId", "Arn", "Path", "DefaultVersionId", "AttachmentCount", "PermissionsBoundaryUsageCount", "IsAttachable", "CreateDate", "UpdateDate", "PolicyVersionList", "Description" };

    /// <summary>Whether a JSON document looks like GAAD output (recognised by content, not by file name).</summary>
    public static bool Recognizes(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && TopLevelLists.Any(name => root.TryGetProperty(name, out _));

    /// <param name="root">The export's root object.</param>
    /// <param name="file">The file it was read from.</param>
    /// <param name="diagnostics">Where problems go.</param>
    /// <param name="inParallel">
    /// Whether to read on every core; false when the caller already reads several exports side by side (each on a
    /// worker of its own, where nested parallel reading would only wait for threads).
    /// </param>
    public static GaadExport Read(JsonElement root, string file, DiagnosticBag diagnostics, bool inParallel = true)
    {
        new JsonReading(file, diagnostics).CheckFields(root, JsonPath.Root, "the authorization details", TopLevelFields);

        // The four lists are independent, and parsing their policy documents is most of the load: read them at
        // once. Each keeps its own locations; the lists' ARNs never collide, so merging them loses nothing.
        ImmutableArray<IamUser> users = [];
        ImmutableArray<IamGroup> groups = [];
        ImmutableArray<IamRole> roles = [];
        ImmutableArray<ManagedPolicy> policies = [];
        var locations = new[] { Locations(), Locations(), Locations(), Locations() };
        Action[] lists =
        [
            () => users = ReadList(root, "UserDetailList", "a user", UserFields, new JsonReading(file, diagnostics), locations[0], ReadUser, e => e.Arn, inParallel),
            () => groups = ReadList(root, "GroupDetailList", "a group", GroupFields, new JsonReading(file, diagnostics), locations[1], ReadGroup, e => e.Arn, inParallel),
            () => roles = ReadList(root, "RoleDetailList", "a role", RoleFields, new JsonReading(file, diagnostics), locations[2], ReadRole, e => e.Arn, inParallel),
            () => policies = ReadList(root, "Policies", "a managed policy", PolicyFields, new JsonReading(file, diagnostics), locations[3], ReadPolicy, e => e.Arn, inParallel),
        ];
        if (inParallel)
        {
            Parallel.Invoke(lists);
        }
        else
        {
            Array.ForEach(lists, read => read());
        }
        var merged = locations[0];
        foreach (var (arn, location) in locations.Skip(1).SelectMany(l => l))
        {
            merged[arn] = location;
        }

        var exportAccount = users.Select(u => u.Account).Concat(groups.Select(g => g.Account)).Concat(roles.Select(r => r.Account))
            .Concat(policies.Where(p => !p.IsAwsManaged).Select(p => p.Arn.Split(':').ElementAtOrDefault(4) ?? string.Empty))
            .FirstOrDefault(a => a.Length > 0);
        return new GaadExport(file, exportAccount, users, groups, roles, policies, merged.ToImmutable(), JsonReading.Boolean(root, "IsTruncated") ? "$.IsTruncated" : HasNextToken(root) ? "$.NextToken" : null);

        static ImmutableDictionary<string, SourceLocation>.Builder Locations() => ImmutableDictionary.CreateBuilder<string, SourceLocation>(StringComparer.Ordinal);
    }

    private static IamUser? ReadUser(JsonElement item, string path, JsonReading json)
    {
        var arn = json.String(item, "Arn", path, required: true);
        var name = json.String(item, "UserName", path, required: true);
        if (arn is null || name is null || !TryAccount(arn, path, json, out var account))
        {
            json.Report(IngestDiagnosticCodes.MissingField, DiagnosticSeverity.Error, "user skipped: it needs a valid `Arn` and `UserName`", path);
            return null;
        }

        return new IamUser
        {
            Arn = arn,
            Name = name,
            Account = account,
            Path = json.String(item, "Path", path) ?? "/",
            UserId = json.String(item, "UserId", path),
            Created = json.Date(item, "CreateDate", path),
            PasswordLastUsed = json.Date(item, "PasswordLastUsed", path),
            InlinePolicies = Inline(item, "UserPolicyList", path, json, PolicyKind.Identity),
            AttachedPolicies = Attachments(item, path, json),
            Groups = json.Strings(item, "GroupList", path),
            PermissionsBoundaryArn = Boundary(item, path, json),
            Tags = json.Tags(item, path),
            Problems = Problems(item, ["UserPolicyList", "GroupList", "AttachedManagedPolicies", "PermissionsBoundary"]),
        };
    }

    private static IamGroup? ReadGroup(JsonElement item, string path, JsonReading json)
    {
        var arn = json.String(item, "Arn", path, required: true);
        var name = json.String(item, "GroupName", path, required: true);
        if (arn is null || name is null || !TryAccount(arn, path, json, out var account))
        {
            json.Report(IngestDiagnosticCodes.MissingField, DiagnosticSeverity.Error, "group skipped: it needs a valid `Arn` and `GroupName`", path);
            return null;
        }

        return new IamGroup
        {
            Arn = arn,
            Name = name,
            Account = account,
            Path = json.String(item, "Path", path) ?? "/",
            InlinePolicies = Inline(item, "GroupPolicyList", path, json, PolicyKind.Identity),
            AttachedPolicies = Attachments(item, path, json),
            Problems = Problems(item, ["GroupPolicyList", "AttachedManagedPolicies"]),
        };
    }

    private static IamRole? ReadRole(JsonElement item, string path, JsonReading json)
    {
        var arn = json.String(item, "Arn", path, required: true);
        var name = json.String(item, "RoleName", path, required: true);
        if (arn is null || name is null || !TryAccount(arn, path, json, out var account))
        {
            json.Report(IngestDiagnosticCodes.MissingField, DiagnosticSeverity.Error, "role skipped: it needs a valid `Arn` and `RoleName`", path);
            return null;
        }

        PolicyDocument? trust = null;
        if (item.TryGetProperty("AssumeRolePolicyDocument", out var trustElement) && trustElement.ValueKind != JsonValueKind.Null)
        {
            trust = ParseDocument(trustElement, PolicyKind.RoleTrust, JsonPath.Property(path, "AssumeRolePolicyDocument"), json);
        }
        else
        {
            json.Report(IngestDiagnosticCodes.MissingField, DiagnosticSeverity.Warning, $"role `{name}` has no `AssumeRolePolicyDocument`: nobody will be found able to assume it", path);
        }

        // Only a present RoleLastUsed says anything: `{}` (or no date in it) is no use in IAM's tracking period; an
        // absent one, or a date that cannot be read (reported), leaves the role's last use unknown.
        var lastUsed = LastUse.Unknown;
        string? lastRegion = null;
        if (item.TryGetProperty("RoleLastUsed", out var lastUsedElement) && lastUsedElement.ValueKind == JsonValueKind.Object)
        {
            var lastPath = JsonPath.Property(path, "RoleLastUsed");
            lastUsed = !lastUsedElement.TryGetProperty("LastUsedDate", out var dateElement) || dateElement.ValueKind == JsonValueKind.Null
                ? LastUse.Never
                : json.Date(lastUsedElement, "LastUsedDate", lastPath) is { } date ? LastUse.On(date) : LastUse.Unknown;
            lastRegion = json.String(lastUsedElement, "Region", lastPath);
        }

        return new IamRole
        {
            Arn = arn,
            Name = name,
            Account = account,
            Path = json.String(item, "Path", path) ?? "/",
            RoleId = json.String(item, "RoleId", path),
            Created = json.Date(item, "CreateDate", path),
            TrustPolicy = trust,
            InlinePolicies = Inline(item, "RolePolicyList", path, json, PolicyKind.Identity),
            AttachedPolicies = Attachments(item, path, json),
            PermissionsBoundaryArn = Boundary(item, path, json),
            Tags = json.Tags(item, path),
            LastUsed = lastUsed,
            LastUsedRegion = lastRegion,
            Problems = Problems(item, ["RolePolicyList", "AttachedManagedPolicies", "PermissionsBoundary"]),
            InstanceProfileArns = [.. json.Objects(item, "InstanceProfileList", path).Select(p => json.String(p.Item, "Arn", p.Path)).OfType<string>()],
        };
    }

    private static ManagedPolicy? ReadPolicy(JsonElement item, string path, JsonReading json)
    {
        var arn = json.String(item, "Arn", path, required: true);
        var name = json.String(item, "PolicyName", path, required: true);
        if (arn is null || name is null)
        {
            json.Report(IngestDiagnosticCodes.MissingField, DiagnosticSeverity.Error, "managed policy skipped: it needs `Arn` and `PolicyName`", path);
            return null;
        }

        var versions = ImmutableArray.CreateBuilder<ManagedPolicyVersion>();
        foreach (var (version, versionPath) in json.Objects(item, "PolicyVersionList", path))
        {
            var versionId = json.String(version, "VersionId", versionPath) ?? $"#{versions.Count}";
            PolicyDocument? document = null;
            if (version.TryGetProperty("Document", out var documentElement))
            {
                document = ParseDocument(documentElement, PolicyKind.Identity, JsonPath.Property(versionPath, "Document"), json);
            }
            else
            {
                json.Report(IngestDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"policy version `{versionId}` has no `Document`", versionPath);
            }

            versions.Add(new ManagedPolicyVersion(versionId, JsonReading.Boolean(version, "IsDefaultVersion"), document, json.Date(version, "CreateDate", versionPath)));
        }

        var policy = new ManagedPolicy
        {
            Arn = arn,
            Name = name,
            Path = json.String(item, "Path", path) ?? "/",
            DefaultVersionId = json.String(item, "DefaultVersionId", path),
            Versions = versions.ToImmutable(),
            AttachmentCount = JsonReading.Integer(item, "AttachmentCount"),
        };
        if (versions.Count(v => v.IsDefault) > 1)
        {
            json.Report(IngestDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"managed policy `{name}` has {versions.Count(v => v.IsDefault)} versions flagged `IsDefaultVersion`; {(policy.DefaultDocument is null ? "none is named by `DefaultVersionId`, so its effect is indeterminate" : $"`{policy.DefaultVersionId}` (named by `DefaultVersionId`) is used")}", path);
        }
        else if (policy.DefaultDocument is null)
        {
            json.Report(IngestDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"managed policy `{name}` has no readable default version; principals it is attached to are evaluated as indeterminate", path);
        }

        return policy;
    }

    /// <summary>
    /// The entities of a list read on every core, kept in list order, each with its location: they are independent,
    /// and parsing their policy documents is most of the load. Unknown fields are checked first, in order, so that the
    /// one report per file names the first.
    /// </summary>
    private static ImmutableArray<T> ReadList<T>(JsonElement root, string list, string entityName, IReadOnlySet<string> fields, JsonReading json, ImmutableDictionary<string, SourceLocation>.Builder locations, Func<JsonElement, string, JsonReading, T?> read, Func<T, string> arnOf, bool inParallel)
        where T : class
    {
        var items = json.Objects(root, list, JsonPath.Root).ToList();
        foreach (var (item, path) in items)
        {
            json.CheckFields(item, path, entityName, fields);
        }

        var results = inParallel ? items.AsParallel().AsOrdered().Select(i => read(i.Item, i.Path, json)).ToList() : items.ConvertAll(i => read(i.Item, i.Path, json));
        var entities = ImmutableArray.CreateBuilder<T>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (results[i] is { } entity)
            {
                locations[arnOf(entity)] = json.At(items[i].Path);
                entities.Add(entity);
            }
        }

        return entities.ToImmutable();
    }

    /// <summary>Lists of an entity that are present but not arrays: what they hold is unknown and may grant access.</summary>
    private static ImmutableArray<string> Problems(JsonElement item, string[] lists) =>
        [.. lists.Where(name => item.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Array or JsonValueKind.Null)
                && !(name == "PermissionsBoundary" && value.ValueKind == JsonValueKind.Object))
            .Select(name => $"`{name}` could not be read")];

    private static bool TryAccount(string arn, string path, JsonReading json, out string account)
    {
        var parts = arn.Split(':');
        if (parts.Length >= 6 && parts[0] == "arn" && parts[4].Length == 12 && parts[4].All(char.IsAsciiDigit))
        {
            account = parts[4];
            return true;
        }

        json.Report(IngestDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{arn}` is not an IAM ARN with a 12-digit account", JsonPath.Property(path, "Arn"));
        account = string.Empty;
        return false;
    }

    private static ImmutableArray<InlinePolicy> Inline(JsonElement item, string listName, string path, JsonReading json, PolicyKind kind)
    {
        var builder = ImmutableArray.CreateBuilder<InlinePolicy>();
        foreach (var (policy, policyPath) in json.Objects(item, listName, path))
        {
            var name = json.String(policy, "PolicyName", policyPath, required: true) ?? $"inline #{builder.Count}";
            if (!policy.TryGetProperty("PolicyDocument", out var documentElement))
            {
                json.Report(IngestDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"inline policy `{name}` has no `PolicyDocument`", policyPath);
                builder.Add(new InlinePolicy(name, PolicyDocument.Unreadable($"inline policy `{name}` has no document")));
                continue;
            }

            var document = ParseDocument(documentElement, kind, JsonPath.Property(policyPath, "PolicyDocument"), json)
                ?? PolicyDocument.Unreadable($"inline policy `{name}` could not be read");
            builder.Add(new InlinePolicy(name, document));
        }

        return builder.ToImmutable();
    }

    private static ImmutableArray<IamPolicyAttachment> Attachments(JsonElement item, string path, JsonReading json) =>
        [.. json.Objects(item, "AttachedManagedPolicies", path)
            .Select(a => (Arn: json.String(a.Item, "PolicyArn", a.Path, required: true), Name: json.String(a.Item, "PolicyName", a.Path)))
            .Where(a => a.Arn is not null)
            .Select(a => new IamPolicyAttachment(a.Arn!, a.Name ?? a.Arn!.Split('/')[^1]))];

    /// <summary>
    /// The boundary's policy ARN. One that is present but not an object is reported: the entity keeps it as a problem
    /// (<see cref="Problems"/>), so its access is undecided rather than unbounded.
    /// </summary>
    private static string? Boundary(JsonElement item, string path, JsonReading json)
    {
        if (!item.TryGetProperty("PermissionsBoundary", out var boundary) || boundary.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var at = JsonPath.Property(path, "PermissionsBoundary");
        if (boundary.ValueKind != JsonValueKind.Object)
        {
            json.Report(IngestDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`PermissionsBoundary` must be an object with `PermissionsBoundaryArn`, found {PolicyParser.Describe(boundary.ValueKind)}: the boundary could not be read, so this principal's access is undecided", at);
            return null;
        }

        return json.String(boundary, "PermissionsBoundaryArn", at, required: true);
    }

    private static PolicyDocument? ParseDocument(JsonElement element, PolicyKind kind, string path, JsonReading json)
    {
        var result = PolicyParser.Parse(element, kind, json.At(path));
        json.Diagnostics.AddRange(result.Diagnostics);
        if (result.Document is { } document)
        {
            json.Diagnostics.AddRange(CatalogChecks.Default.Check(document, json.At(path)));
        }

        return result.Document;
    }

    /// <summary>
    /// The AWS CLI's own pagination (<c>--max-items</c>, <c>--page-size</c> left to it) writes a <c>NextToken</c> instead
    /// of <c>IsTruncated</c> when it stopped before the end.
    /// </summary>
    private static bool HasNextToken(JsonElement root) =>
        root.TryGetProperty("NextToken", out var token) && token.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(token.GetString());
}
