using System.Collections.Immutable;
using Ward.Aws.Catalog;

namespace Ward.Aws.Edges;

/// <summary>
/// The kind of resource a technique's step acts on (an EC2 instance, a Lambda function...), as the ARN shapes of
/// its resource types in the catalog: a step is decided only on the resource patterns that may name such a resource.
/// </summary>
public sealed class ResourceKind
{
    private readonly ImmutableArray<string[]> _shapes;

    private ResourceKind(string key, ImmutableArray<string[]> shapes)
    {
        Key = key;
        _shapes = shapes;
    }

    /// <summary>The resource types, as <c>service:type</c>, joined: the kind's identity in caches.</summary>
    public string Key { get; }

    /// <summary>
    /// The kind of the catalog's resource types of one service (e.g. <c>ssm</c>, <c>instance</c>, whose ARNs are
    /// EC2's); null when none of them is in the catalog.
    /// </summary>
    public static ResourceKind? Of(string service, params string[] types)
    {
        var shapes = types.Select(t => AwsActionCatalog.Default.ResourceType(service, t)).OfType<AwsResourceType>()
            .SelectMany(t => t.ArnFormats).Select(ShapeOf).OfType<string[]>().ToImmutableArray();
        return shapes.IsEmpty ? null : new ResourceKind(string.Join('|', types.Select(t => $"{service}:{t}")), shapes);
    }

    /// <summary>
    /// The kind an action acts on when it names one: the resource types the Service Authorization Reference marks
    /// required for it; null when it marks none (any pattern may then do).
    /// </summary>
    public static ResourceKind? RequiredBy(string action) =>
        AwsActionCatalog.Default.TryGetAction(action, out var known) && known.ResourceTypes.Where(t => t.Required).Select(t => t.Name).ToArray() is { Length: > 0 } required
            ? Of(known.Service, required)
            : null;

    /// <summary>
    /// Whether a resource pattern of a policy may name a resource of this kind: false only when each of its ARN
    /// parts (partition, service, region, account, resource) provably parts ways with every shape. A pattern that is
    /// not a whole ARN pattern (<c>*</c>, text) may name anything.
    /// </summary>
    public bool MayName(string pattern)
    {
        if (pattern == "*")
        {
            return true;
        }

        // Every principal's statements are tried against a few kinds: the same patterns over and over.
        if (_named.TryGetValue(pattern, out var known))
        {
            return known;
        }

        var named = Names(pattern);
        _named.Add(pattern, named);
        return named;
    }

    private readonly Policy.BoundedCache<string, bool> _named = new(100_000, StringComparer.Ordinal);

    private bool Names(string pattern)
    {
        if (ShapeOf(pattern) is not { } parts)
        {
            return true;
        }

        foreach (var shape in _shapes)
        {
            var overlaps = true;
            for (var i = 0; i < parts.Length && overlaps; i++)
            {
                overlaps = MayOverlap(parts[i], shape[i]);
            }

            if (overlaps)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The five parts after <c>arn:</c> (the last one the whole resource, colons and all), with every variable
    /// widened to <c>*</c>; null when the text is not a whole ARN pattern.
    /// </summary>
    private static string[]? ShapeOf(string arn)
    {
        if (!arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = arn[4..].Split(':', 5);
        if (parts.Length < 5)
        {
            return null;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            var at = parts[i].IndexOf("${", StringComparison.Ordinal);
            while (at >= 0)
            {
                var end = parts[i].IndexOf('}', at);
                if (end < 0)
                {
                    return null;
                }

                parts[i] = string.Concat(parts[i].AsSpan(0, at), "*", parts[i].AsSpan(end + 1));
                at = parts[i].IndexOf("${", StringComparison.Ordinal);
            }
        }

        return parts;
    }

    /// <summary>Whether some text matches both globs (<c>*</c> any run, <c>?</c> any one character; letters in either case).</summary>
    internal static bool MayOverlap(string a, string b)
    {
        var known = new bool?[a.Length + 1, b.Length + 1];
        return From(0, 0);

        bool From(int i, int j)
        {
            if (known[i, j] is { } answer)
            {
                return answer;
            }

            known[i, j] = false;
            var result = Step(i, j);
            known[i, j] = result;
            return result;
        }

        bool Step(int i, int j)
        {
            var aStar = i < a.Length && a[i] == '*';
            var bStar = j < b.Length && b[j] == '*';
            if (i == a.Length && j == b.Length)
            {
                return true;
            }

            // A run may be empty, or take the other's next character (a literal, or one `?`).
            if ((aStar && From(i + 1, j)) || (bStar && From(i, j + 1)))
            {
                return true;
            }

            if (i == a.Length || j == b.Length || (aStar && bStar))
            {
                return false;
            }

            if (aStar)
            {
                return From(i, j + 1);
            }

            if (bStar)
            {
                return From(i + 1, j);
            }

            return (a[i] == '?' || b[j] == '?' || char.ToLowerInvariant(a[i]) == char.ToLowerInvariant(b[j])) && From(i + 1, j + 1);
        }
    }
}
