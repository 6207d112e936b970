using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Ward.Gcp.Policy.Evaluation;

/// <summary>
/// Which permissions a principal access boundary policy can block, by enforcement version, from Google's list
/// (<c>pab-enforcement-versions.json</c>, https://cloud.google.com/iam/docs/pab-blocked-permissions): each version
/// blocks what its rows list, minus each row's exceptions, and everything the versions before it block. A policy
/// cannot block a permission no version up to its own lists; <c>latest</c> follows Google's default version, the
/// newest Ward knows (4) or a later one, so a permission Ward's list does not name may or may not be blocked under it.
/// </summary>
internal static class BoundaryPermissions
{
    /// <summary>The newest enforcement version in Ward's list; Google documents it as the default that <c>latest</c> follows.</summary>
    public const int NewestKnownVersion = 4;

    private const string Resource = "Ward.Gcp.Policy.Evaluation.pab-enforcement-versions.json";

    private static readonly ImmutableArray<Row> Rows = Load();
    private static readonly ConcurrentDictionary<string, int?> LowestVersions = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether a policy of the enforcement version (as exported: a number, <c>latest</c>, or null) can block the
    /// permission: true or false when Ward's list decides it, null when it cannot, with why in each case.
    /// </summary>
    public static (bool? CanBlock, string Reason) CanBlock(string? enforcementVersion, string permission)
    {
        var lowest = LowestVersions.GetOrAdd(permission, LowestBlockingVersion);
        var (minimum, maximum, described) = Range(enforcementVersion);
        return lowest switch
        {
            { } version when version <= minimum => (true, $"enforcement version {described} blocks `{permission}` (Google lists it from version {version})"),
            { } version when version > maximum => (false, $"enforcement version {described} cannot block `{permission}` (Google lists it from version {version})"),
            { } version => (null, $"whether enforcement version {described} blocks `{permission}` is not known (Google lists it from version {version})"),
            null when maximum <= NewestKnownVersion => (false, $"enforcement version {described} cannot block `{permission}` (no version up to {NewestKnownVersion} lists it)"),
            null => (null, $"no enforcement version up to {NewestKnownVersion} blocks `{permission}`, but enforcement version {described} may be a later one that does"),
        };
    }

    /// <summary>The versions a policy's enforcement version may be, and how to name it.</summary>
    private static (int Minimum, int Maximum, string Described) Range(string? enforcementVersion) => enforcementVersion switch
    {
        // Google sets a policy created without a version to the default of the day, which may have been any version.
        null or "" => (1, int.MaxValue, "(not exported)"),
        "latest" => (NewestKnownVersion, int.MaxValue, "`latest` (Google's default, version 4 or later)"),
        var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) => (number, number, $"`{number}`"),
        var text => (1, int.MaxValue, $"`{text}` (not a version Ward can read)"),
    };

    private static int? LowestBlockingVersion(string permission) =>
        Rows.Where(r => r.Permissions.Any(p => p.Covers(permission)) && !r.Exceptions.Any(p => p.Covers(permission))).Select(r => (int?)r.Version).Min();

    private static ImmutableArray<Row> Load()
    {
        using var stream = typeof(BoundaryPermissions).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"the embedded resource {Resource} is missing");
        using var document = JsonDocument.Parse(stream);
        var rows = ImmutableArray.CreateBuilder<Row>();
        foreach (var version in document.RootElement.GetProperty("versions").EnumerateArray())
        {
            var number = version.GetProperty("version").GetInt32();
            foreach (var row in version.GetProperty("rows").EnumerateArray())
            {
                rows.Add(new Row(number, Patterns(row, "permissions"), Patterns(row, "exceptions")));
            }
        }

        return rows.ToImmutable();
    }

    private static ImmutableArray<Pattern> Patterns(JsonElement row, string field) =>
        [.. row.GetProperty(field).EnumerateArray().Select(p => Pattern.Parse(p.GetString()!))];

    private sealed record Row(int Version, ImmutableArray<Pattern> Permissions, ImmutableArray<Pattern> Exceptions);

    /// <summary>A permission of Google's list, <c>SERVICE.googleapis.com/RESOURCE.ACTION</c>, where the resource, the action or both (<c>SERVICE/*</c>) may be <c>*</c>.</summary>
    private sealed record Pattern(string Service, string Resource, string Action)
    {
        public static Pattern Parse(string text)
        {
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            var host = text[..slash].Replace(".googleapis.com", string.Empty, StringComparison.Ordinal);
            var rest = text[(slash + 1)..];
            var dot = rest.LastIndexOf('.');
            var (resource, action) = rest == "*" ? ("*", "*") : (rest[..dot], rest[(dot + 1)..]);
            return (host, resource) switch
            {
                // Permission names drop `cloud` from Resource Manager's host, and the IAM v1 names of API keys' permissions are `serviceusage.apiKeys.*`.
                ("cloudresourcemanager", _) => new Pattern("resourcemanager", resource, action),
                ("apikeys", "apikeys") => new Pattern("serviceusage", "apiKeys", action),
                _ => new Pattern(host, resource, action),
            };
        }

        public bool Covers(string permission)
        {
            var first = permission.IndexOf('.', StringComparison.Ordinal);
            var last = permission.LastIndexOf('.');
            return first > 0 && last > first
                && string.Equals(permission[..first], Service, StringComparison.Ordinal)
                && (Resource == "*" || string.Equals(permission[(first + 1)..last], Resource, StringComparison.Ordinal))
                && (Action == "*" || string.Equals(permission[(last + 1)..], Action, StringComparison.Ordinal));
        }
    }
}
