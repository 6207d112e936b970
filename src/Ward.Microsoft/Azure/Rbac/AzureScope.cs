using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Ward.Microsoft.Azure.Rbac;

/// <summary>
/// An Azure scope: <c>/</c>, <c>/providers/Microsoft.Management/managementGroups/{id}</c>,
/// <c>/subscriptions/{id}</c>, <c>/subscriptions/{id}/resourceGroups/{name}</c> or a resource id below one of them.
/// Azure compares scopes case-insensitively, and so do equality and hashing here.
/// </summary>
public sealed class AzureScope : IEquatable<AzureScope>
{
    private const int CacheLimit = 100_000;

    // A tenant's hundreds of thousands of assignments name a few thousand scopes: each is parsed once, and shared
    // (scopes are immutable). Keyed by the text as written, so that a scope keeps its spelling.
    private static readonly ConcurrentDictionary<string, AzureScope> Parsed = new(StringComparer.Ordinal);
    private static int _parsedCount;

    private AzureScope(string value, AzureScopeKind kind, string? managementGroupId, string? subscriptionId, string? resourceGroup, AzureScope? parent)
    {
        Value = value;
        Kind = kind;
        ManagementGroupId = managementGroupId;
        SubscriptionId = subscriptionId;
        ResourceGroup = resourceGroup;
        Parent = parent;
    }

    /// <summary>The root scope <c>/</c>.</summary>
    public static AzureScope Root { get; } = new("/", AzureScopeKind.Root, null, null, null, null);

    /// <summary>The scope as written (without a trailing slash).</summary>
    public string Value { get; }

    public AzureScopeKind Kind { get; }

    /// <summary>The management group the scope names or lies in (only for management-group scopes and resources under one).</summary>
    public string? ManagementGroupId { get; }

    public string? SubscriptionId { get; }

    public string? ResourceGroup { get; }

    /// <summary>
    /// The scope this one lies in by its id alone: a resource's parent resource or resource group, a resource
    /// group's subscription. Null for the root, management groups and subscriptions, whose parents only the
    /// management-group hierarchy knows (see <see cref="AzureHierarchy"/>).
    /// </summary>
    public AzureScope? Parent { get; }

    public static AzureScope ManagementGroup(string id) => Parse($"/providers/Microsoft.Management/managementGroups/{id}");

    public static AzureScope Subscription(string id) => Parse($"/subscriptions/{id}");

    /// <summary>Parses a scope the program itself wrote; user input goes through <see cref="TryParse"/>.</summary>
    public static AzureScope Parse(string text) =>
        TryParse(text, out var scope, out var problem) ? scope : throw new FormatException(problem);

    /// <summary>Parses a scope; on failure, <paramref name="problem"/> says why (for a diagnostic).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out AzureScope? scope, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        if (text is not null && Parsed.TryGetValue(text, out scope))
        {
            return true;
        }

        if (!TryParseText(text, out scope, out problem))
        {
            return false;
        }

        // Counted apart: a concurrent dictionary's count takes every lock.
        if (Volatile.Read(ref _parsedCount) < CacheLimit && Parsed.TryAdd(text!, scope))
        {
            Interlocked.Increment(ref _parsedCount);
        }

        return true;
    }

    private static bool TryParseText(string? text, [NotNullWhen(true)] out AzureScope? scope, [NotNullWhen(false)] out string? problem)
    {
        scope = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "the scope is empty";
            return false;
        }

        var trimmed = text.Trim();
        if (!trimmed.StartsWith('/'))
        {
            problem = $"`{text}` is not a scope (a scope starts with `/`)";
            return false;
        }

        trimmed = trimmed.TrimEnd('/');
        if (trimmed.Length == 0)
        {
            scope = Root;
            return true;
        }

        var segments = trimmed[1..].Split('/');
        if (Array.Exists(segments, s => s.Length == 0))
        {
            problem = $"`{text}` has an empty segment";
            return false;
        }

        AzureScope anchor;
        int next;
        if (segments.Length >= 4 && Is(segments[0], "providers") && Is(segments[1], "Microsoft.Management") && Is(segments[2], "managementGroups"))
        {
            anchor = new AzureScope("/" + string.Join('/', segments, 0, 4), AzureScopeKind.ManagementGroup, segments[3], null, null, null);
            next = 4;
        }
        else if (segments.Length >= 2 && Is(segments[0], "subscriptions"))
        {
            anchor = new AzureScope("/" + string.Join('/', segments, 0, 2), AzureScopeKind.Subscription, null, segments[1], null, null);
            next = 2;
            if (segments.Length >= 4 && Is(segments[2], "resourceGroups"))
            {
                anchor = new AzureScope("/" + string.Join('/', segments, 0, 4), AzureScopeKind.ResourceGroup, null, segments[1], segments[3], anchor);
                next = 4;
            }
            else if (segments.Length == 3 && Is(segments[2], "resourceGroups"))
            {
                problem = $"`{text}` names no resource group after `resourceGroups`";
                return false;
            }
        }
        else
        {
            problem = $"`{text}` is not an Azure scope (expected `/`, `/providers/Microsoft.Management/managementGroups/…` or `/subscriptions/…`)";
            return false;
        }

        // What follows the anchor: one or more `providers/{namespace}/{type}/{name}[/{type}/{name}…]` groups.
        var current = anchor;
        var i = next;
        while (i < segments.Length)
        {
            if (!Is(segments[i], "providers") || segments.Length - i < 4)
            {
                problem = $"`{text}` is not an Azure scope: expected `providers/{{namespace}}/{{type}}/{{name}}` after `{current.Value}`";
                return false;
            }

            var end = i + 4;
            current = new AzureScope("/" + string.Join('/', segments, 0, end), AzureScopeKind.Resource, anchor.ManagementGroupId, anchor.SubscriptionId, anchor.ResourceGroup, current);
            while (end < segments.Length && !Is(segments[end], "providers"))
            {
                if (segments.Length - end < 2)
                {
                    problem = $"`{text}` is not an Azure scope: a resource type `{segments[end]}` without a name";
                    return false;
                }

                end += 2;
                current = new AzureScope("/" + string.Join('/', segments, 0, end), AzureScopeKind.Resource, anchor.ManagementGroupId, anchor.SubscriptionId, anchor.ResourceGroup, current);
            }

            i = end;
        }

        scope = current;
        return true;
    }

    public bool Equals(AzureScope? other) => other is not null && string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => obj is AzureScope other && Equals(other);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    public override string ToString() => Value;

    public static bool operator ==(AzureScope? left, AzureScope? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(AzureScope? left, AzureScope? right) => !(left == right);

    private static bool Is(string segment, string expected) => string.Equals(segment, expected, StringComparison.OrdinalIgnoreCase);
}
