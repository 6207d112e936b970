using System.Collections.Immutable;
using System.Text.Json;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Exchange;

/// <summary>
/// Reads <c>Get-ApplicationAccessPolicy | ConvertTo-Json</c> output of Exchange Online PowerShell: one policy as an
/// object, several as an array, each with <c>AppId</c>, <c>AccessRight</c>, <c>ScopeName</c>, <c>ScopeIdentity</c>,
/// <c>ScopeIdentityRaw</c> (<c>SID;object id</c>), <c>Identity</c>, <c>Description</c> and Exchange's own
/// properties (<c>ShardType</c>, <c>IsValid</c>, <c>ObjectState</c> …, not needed). Recognised by content: an object
/// with <c>AppId</c> and a scope property; an empty array only under the documented file name, since an empty list is
/// otherwise anyone's.
/// </summary>
public static class ApplicationAccessPolicyReader
{
    /// <summary>The file name the export documentation gives, under which an empty array says "no policies".</summary>
    public const string FileName = "exchange-application-access-policies.json";

    private static readonly string[] ScopeProperties = ["ScopeIdentityRaw", "ScopeIdentity", "ScopeName"];

    /// <summary>Whether a parsed file is application access policy output.</summary>
    public static bool Recognizes(string file, JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Object => IsPolicy(root),
        JsonValueKind.Array when root.GetArrayLength() == 0 => string.Equals(Path.GetFileName(file), FileName, StringComparison.OrdinalIgnoreCase),
        JsonValueKind.Array => root.EnumerateArray().Any(IsPolicy),
        _ => false,
    };

    /// <summary>Reads the policies of a recognised file; entries it cannot use are reported at their JSON path.</summary>
    public static (ImmutableArray<ApplicationAccessPolicy> Policies, ImmutableArray<Diagnostic> Diagnostics) Read(string file, JsonElement root)
    {
        var diagnostics = new DiagnosticBag();
        var policies = ImmutableArray.CreateBuilder<ApplicationAccessPolicy>();
        var entries = root.ValueKind == JsonValueKind.Array
            ? root.EnumerateArray().Select((entry, i) => (entry, JsonPath.Index(JsonPath.Root, i)))
            : [(root, JsonPath.Root)];
        foreach (var (entry, path) in entries)
        {
            policies.AddRange(ReadPolicy(new SourceLocation(file, path), entry, diagnostics));
        }

        return (policies.ToImmutable(), diagnostics.ToSortedArray());
    }

    private static bool IsPolicy(JsonElement entry) =>
        entry.ValueKind == JsonValueKind.Object && Find(entry, "AppId") is not null && ScopeProperties.Any(p => Find(entry, p) is not null);

    /// <summary>One policy per application it names (<c>AppId</c> is one id as the cmdlet lists it, or an array of them).</summary>
    private static IEnumerable<ApplicationAccessPolicy> ReadPolicy(SourceLocation at, JsonElement entry, DiagnosticBag diagnostics)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Add(ExchangeDiagnosticCodes.MalformedPolicy, DiagnosticSeverity.Error, "an application access policy entry that is not an object; skipped", at);
            return [];
        }

        var appIds = AppIds(at, entry, diagnostics);
        if (appIds.IsEmpty)
        {
            return [];
        }

        var scopeName = String(entry, "ScopeName") ?? String(entry, "ScopeIdentity");
        var accessRight = AccessRight(at, entry, scopeName, diagnostics);
        var scopeObjectId = ScopeObjectId(at, entry, scopeName, diagnostics);
        var description = String(entry, "Description");
        return appIds.Select(appId => new ApplicationAccessPolicy
        {
            AppId = appId,
            AccessRight = accessRight,
            ScopeName = scopeName,
            ScopeObjectId = scopeObjectId,
            Description = description,
            Location = at,
        });
    }

    private static ImmutableArray<string> AppIds(SourceLocation at, JsonElement entry, DiagnosticBag diagnostics)
    {
        var path = JsonPath.Property(at.JsonPath!, "AppId");
        var value = Find(entry, "AppId");
        var values = value switch
        {
            { ValueKind: JsonValueKind.String } one => [one],
            { ValueKind: JsonValueKind.Array } many => many.EnumerateArray().ToList(),
            _ => null,
        };
        if (values is null || values.Count == 0)
        {
            diagnostics.Add(ExchangeDiagnosticCodes.MalformedPolicy, DiagnosticSeverity.Error, "an application access policy without `AppId` (the application it limits); skipped", at.WithPath(value is null ? at.JsonPath! : path));
            return [];
        }

        var ids = ImmutableArray.CreateBuilder<string>();
        foreach (var id in values)
        {
            // Exchange documents no wildcard: a `*` limiting every application would remove every mail edge on a guess.
            if (id.ValueKind == JsonValueKind.String && id.GetString() is { } text && Guid.TryParse(text, out var appId))
            {
                ids.Add(appId.ToString());
                continue;
            }

            diagnostics.Add(ExchangeDiagnosticCodes.MalformedPolicy, DiagnosticSeverity.Error, $"`AppId` {Quote(id)} is not an application id (a GUID); this policy entry was skipped", at.WithPath(path));
            return [];
        }

        return ids.ToImmutable();
    }

    private static ApplicationAccessRight? AccessRight(SourceLocation at, JsonElement entry, string? scopeName, DiagnosticBag diagnostics)
    {
        var value = Find(entry, "AccessRight");
        // By name only: Enum.TryParse also takes "0" or "1", whose meaning is not documented.
        if (value is { ValueKind: JsonValueKind.String } text && text.GetString() is { Length: > 0 } name && char.IsLetter(name[0])
            && Enum.TryParse<ApplicationAccessRight>(name, ignoreCase: true, out var right) && Enum.IsDefined(right))
        {
            return right;
        }

        var why = value switch
        {
            null => "has no `AccessRight`",
            { ValueKind: JsonValueKind.Number } => $"writes `AccessRight` as the number {Quote(value.Value)}, whose meaning Microsoft does not document (run `ConvertTo-Json` with `-EnumsAsStrings`)",
            _ => $"has `AccessRight` {Quote(value.Value)}, neither `RestrictAccess` nor `DenyAccess`",
        };
        diagnostics.Add(ExchangeDiagnosticCodes.UnreadableAccessRight, DiagnosticSeverity.Warning, $"the application access policy on `{scopeName ?? "(unknown scope)"}` {why}; kept: the application's mail permissions stay conditional on it", at.WithPath(value is null ? at.JsonPath! : JsonPath.Property(at.JsonPath!, "AccessRight")));
        return null;
    }

    /// <summary>The Entra ID object id of the scope: <c>ScopeIdentityRaw</c> is the scope's SID, a semicolon, then its object id.</summary>
    private static string? ScopeObjectId(SourceLocation at, JsonElement entry, string? scopeName, DiagnosticBag diagnostics)
    {
        var raw = String(entry, "ScopeIdentityRaw");
        var separator = raw?.LastIndexOf(';') ?? -1;
        if (raw is not null && separator >= 0 && Guid.TryParse(raw.AsSpan(separator + 1), out var objectId))
        {
            return objectId.ToString();
        }

        var where = Find(entry, "ScopeIdentityRaw") is null ? at : at.WithPath(JsonPath.Property(at.JsonPath!, "ScopeIdentityRaw"));
        diagnostics.Add(ExchangeDiagnosticCodes.UnreadableScope, DiagnosticSeverity.Warning, $"the application access policy on `{scopeName ?? "(unknown scope)"}` gives no scope object id (`ScopeIdentityRaw` is `SID;object id`); kept: it still limits the application, but whose mailboxes its scope holds is unknown", where);
        return null;
    }

    // PowerShell's property names are not case-sensitive; ConvertTo-Json writes them as the object has them.
    private static JsonElement? Find(JsonElement entry, string name)
    {
        foreach (var property in entry.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.Null ? null : property.Value;
            }
        }

        return null;
    }

    private static string? String(JsonElement entry, string name) => Find(entry, name) is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } text ? text : null;

    private static string Quote(JsonElement value) => $"`{(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText())}`";
}
