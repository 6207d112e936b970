using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Conditions;

namespace Ward.Gcp.Policy.Evaluation;

/// <summary>
/// The effective tags of a resource (docs/gcp/evaluation.md, "Tags"): its exported effective tags when they were
/// listed, else its own tag bindings over its parent's effective tags, a tag bound lower replacing the value of the same
/// key inherited from above, as Google documents tag inheritance. A resource neither of whose listings was exported, or
/// one that inherits from a container whose tags are not known, has unknown tags. Thread-safe.
/// </summary>
internal sealed class ResourceTagResolver
{
    private readonly GcpEstate _estate;
    private readonly FrozenDictionary<string, TagValue> _values;
    private readonly FrozenDictionary<string, TagKey> _keys;
    private readonly FrozenDictionary<(string Resource, bool Effective), ImmutableArray<TagBinding>> _bindings;
    private readonly FrozenSet<(string Resource, bool Effective)> _listed;
    private readonly ConcurrentDictionary<string, ResourceTags> _resolved = new(StringComparer.Ordinal);

    public ResourceTagResolver(GcpEstate estate)
    {
        _estate = estate;
        _values = estate.TagValues.DistinctBy(v => v.Name, StringComparer.Ordinal).ToFrozenDictionary(v => v.Name, StringComparer.Ordinal);
        _keys = estate.TagKeys.DistinctBy(k => k.Name, StringComparer.Ordinal).ToFrozenDictionary(k => k.Name, StringComparer.Ordinal);
        _bindings = estate.TagBindings.GroupBy(b => (b.Resource, b.Effective)).ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray());
        _listed = estate.TagListings.Select(l => (l.Resource, l.Effective)).ToFrozenSet();
    }

    /// <summary>The tags of the resource a question is about: inherited through its project, folders and organization.</summary>
    public ResourceTags Of(GcpResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return _resolved.GetOrAdd(resource.Name, static (_, state) =>
        {
            var (resolver, asked) = state;
            var relative = Short(asked.Name);
            if (resolver._listed.Count == 0)
            {
                return ResourceTags.Unknown(relative, "no tag bindings were exported");
            }

            var (tags, why) = resolver.Resolve(Chain(asked), 0, relative);
            return tags is { } known ? new ResourceTags { Resource = relative, Tags = known } : ResourceTags.Unknown(relative, why!);
        }, (this, resource));
    }

    /// <summary>
    /// The tags the resource would have with the tag value bound to it: the value, replacing any value of its key
    /// (a lower binding replaces an inherited one; a resource holds one value per key). Tags not known stay so, all but
    /// this one.
    /// </summary>
    public ResourceTags Supposing(GcpResource resource, string valueId)
    {
        var tags = Of(resource);
        var supposed = Bound(valueId, Short(resource.Name)) with { Supposed = true };
        return tags with { Tags = [.. tags.Tags.Where(t => !SameKey(t, supposed)), supposed] };
    }

    /// <summary>
    /// The tags the resource would have once its own binding of the tag value were deleted: the value of that key it
    /// then inherits from its parent, if any, with its other tags as they are. Only a binding to the resource itself can
    /// be deleted there, so a value it inherits, or tags not known, stay as they are. When the parent's tags are not
    /// known, the key's value is not either (the other tags still are).
    /// </summary>
    public ResourceTags Removing(GcpResource resource, string valueId)
    {
        var tags = Of(resource);
        if (tags.UnknownBecause is not null || tags.Tags.FirstOrDefault(t => t.ValueId == valueId && t.BoundTo == tags.Resource) is not { } removed)
        {
            return tags;
        }

        var others = tags.Tags.Where(t => !SameKey(t, removed));
        var chain = Chain(resource);
        if (chain.Length == 1)
        {
            return tags with { Tags = [.. others], Unbound = removed };
        }

        var (above, why) = Resolve(chain, 1, tags.Resource);
        return above is { } inherited
            ? tags with { Tags = [.. others, .. inherited.Where(a => SameKey(a, removed))], Unbound = removed }
            : tags with { Tags = [.. others], Unbound = removed, UnknownBecause = $"once {removed.Describe()} is unbound from `{tags.Resource}`, {why}" };
    }

    /// <summary>The tag of the value's key the resource has now (bound to it or inherited), or null: it has none, or its tags are not known.</summary>
    public ResourceTag? OfKey(GcpResource resource, string valueId)
    {
        var key = Bound(valueId, Short(resource.Name));
        return Of(resource) is { UnknownBecause: null } tags ? tags.Tags.FirstOrDefault(t => SameKey(t, key)) : null;
    }

    /// <summary>The resource and the containers it inherits tags from, nearest first. Resources below a project inherit its tags; a resource nested in another (a bucket's objects) is not tagged on its own.</summary>
    private static string[] Chain(GcpResource resource) =>
        [resource.Name, .. resource.PolicyHolders.Where(h => ResourceNames.ContainerKind(h) is not null && h != resource.Name)];

    private (ImmutableArray<ResourceTag>? Tags, string? Why) Resolve(string[] chain, int at, string asked)
    {
        var name = chain[at];
        var relative = Short(name);
        if (_listed.Contains((name, true)))
        {
            return ([.. _bindings.GetValueOrDefault((name, true), []).Select(b => Effective(b, relative))], null);
        }

        if (!_listed.Contains((name, false)))
        {
            return (null, at == 0
                ? $"the tags of `{relative}` are not known: neither its effective tags nor its own tag bindings were exported"
                : $"the tags of `{asked}` are not known: it inherits those of `{relative}`, whose tag bindings were not exported");
        }

        var own = new List<ResourceTag>();
        foreach (var binding in _bindings.GetValueOrDefault((name, false), []))
        {
            var tag = Direct(binding, relative);
            if (tag.KeyId is null && tag.KeyNames.IsEmpty)
            {
                return (null, $"the tags of `{asked}` are not known: the key of tag value `{binding.TagValue}` bound to `{relative}` is not known (the value is not in the tag values export)");
            }

            own.Add(tag);
        }

        if (at == chain.Length - 1)
        {
            return ResourceNames.ContainerKind(name) == HierarchyNodeKind.Organization
                ? ([.. own], null)
                : (null, $"the tags of `{asked}` are not known: what `{relative}` inherits is not known (its ancestry is not in the export)");
        }

        var (inherited, why) = Resolve(chain, at + 1, asked);
        if (inherited is not { } above)
        {
            return (null, why);
        }

        // A tag bound lower replaces the value of the same key inherited from above.
        return ([.. above.Where(a => !own.Exists(o => SameKey(o, a))), .. own], null);
    }

    private static bool SameKey(ResourceTag a, ResourceTag b) =>
        (a.KeyId is not null && a.KeyId == b.KeyId) || a.KeyNames.Intersect(b.KeyNames, StringComparer.Ordinal).Any();

    private ResourceTag Effective(TagBinding tag, string resource)
    {
        var value = tag.TagValue is { } id ? _values.GetValueOrDefault(id) : null;
        var keyId = tag.TagKey ?? value?.Parent;
        var valueName = tag.NamespacedTagValue ?? value?.NamespacedName;
        return new ResourceTag(keyId, KeyNames(tag.NamespacedTagKey, valueName, keyId), tag.TagValue, valueName, tag.Inherited ? null : resource);
    }

    private ResourceTag Direct(TagBinding binding, string resource) => Bound(binding.TagValue, resource, binding.NamespacedTagValue);

    private ResourceTag Bound(string? valueId, string resource, string? namespacedName = null)
    {
        var value = valueId is { } id ? _values.GetValueOrDefault(id) : null;
        var valueName = value?.NamespacedName ?? namespacedName;
        return new ResourceTag(value?.Parent, KeyNames(null, valueName, value?.Parent), valueId, valueName, resource);
    }

    /// <summary>A key's namespaced names: as given, else from its value's name or the keys export; a project's key under both the project's id and number.</summary>
    private ImmutableArray<string> KeyNames(string? given, string? valueName, string? keyId)
    {
        var name = given
            ?? (valueName is { } v && v.LastIndexOf('/') is > 0 and var cut ? v[..cut] : null)
            ?? (keyId is { } id ? _keys.GetValueOrDefault(id)?.NamespacedName : null);
        if (name is null)
        {
            return [];
        }

        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || _estate.FindNode("projects/" + name[..slash]) is not { } project)
        {
            return [name];
        }

        var rest = name[slash..];
        return [.. new[] { name, ResourceNames.Relative(project.Name)["projects/".Length..] + rest, project.ProjectId is { } projectId ? projectId + rest : null }.OfType<string>().Distinct(StringComparer.Ordinal)];
    }

    private static string Short(string name) => ResourceNames.ContainerKind(name) is null ? name : ResourceNames.Relative(name);
}
