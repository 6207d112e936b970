using System.Collections.Frozen;

namespace Ward.Gcp.Edges;

/// <summary>
/// The owner-equivalent principals of every organization, folder and project, each with the binding that makes it one.
/// A container holds only the principals its parent does not (<see cref="AddedAt"/>); the rest it inherits. Most of
/// a project's owners are its organization's or folder's: copying them into every project of a large organization
/// cost seconds and hundreds of megabytes.
/// </summary>
public sealed class ContainerOwners
{
    private readonly IReadOnlyDictionary<string, Level> _levels;

    /// <param name="levels">Per container (full name): its parent (full name, null at the top or when the parent is unknown) and the owners it adds.</param>
    public ContainerOwners(IReadOnlyDictionary<string, Level> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        _levels = levels;
    }

    /// <summary>What a container adds to the owners of its parent.</summary>
    /// <param name="Parent">The parent container (full name), if known.</param>
    /// <param name="Added">The principals (node ids) owner-equivalent of this container and not of the parent, with why.</param>
    public sealed record Level(string? Parent, IReadOnlyDictionary<string, string> Added);

    /// <summary>No container: an estate without a hierarchy.</summary>
    public static ContainerOwners Empty { get; } = new(FrozenDictionary<string, Level>.Empty);

    /// <summary>Whether Ward knows the container (full name).</summary>
    public bool Knows(string container) => _levels.ContainsKey(container);

    /// <summary>The owner-equivalent principals of the container that its parent does not have, with why; empty for a container Ward does not know.</summary>
    public IReadOnlyDictionary<string, string> AddedAt(string container) =>
        _levels.TryGetValue(container, out var level) ? level.Added : FrozenDictionary<string, string>.Empty;

    /// <summary>The binding that makes the principal owner-equivalent of the container (full name), or null when it is not.</summary>
    public string? Of(string principal, string container)
    {
        for (var name = container; name is not null && _levels.TryGetValue(name, out var level); name = level.Parent)
        {
            if (level.Added.TryGetValue(principal, out var grantedBy))
            {
                return grantedBy;
            }
        }

        return null;
    }

    /// <summary>Every owner-equivalent principal of the container, with why: those it inherits first, then its own.</summary>
    public IEnumerable<KeyValuePair<string, string>> All(string container)
    {
        var chain = new List<IReadOnlyDictionary<string, string>>();
        for (var name = container; name is not null && _levels.TryGetValue(name, out var level); name = level.Parent)
        {
            chain.Add(level.Added);
        }

        for (var i = chain.Count - 1; i >= 0; i--)
        {
            foreach (var owner in chain[i])
            {
                yield return owner;
            }
        }
    }

    /// <summary>Every principal owner-equivalent of some container (each once per container that adds it).</summary>
    public IEnumerable<string> Principals => _levels.Values.SelectMany(l => l.Added.Keys);
}
