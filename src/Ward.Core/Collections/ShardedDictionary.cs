using System.Diagnostics.CodeAnalysis;

namespace Ward.Core.Collections;

/// <summary>
/// A dictionary many threads share, split into shards of plain dictionaries each under its own lock. A
/// <see cref="System.Collections.Concurrent.ConcurrentDictionary{TKey, TValue}"/> makes an object of every entry; a
/// plain dictionary keeps its entries in arrays. The caches of a large scan hold millions of entries to its end, and
/// the collector traces every object of them at each full collection.
/// </summary>
/// <remarks>
/// As with a concurrent dictionary, a value made for a key another thread adds meanwhile is dropped, and every
/// thread gets the one kept. Made outside the lock, so making a value may ask this dictionary again.
/// </remarks>
public sealed class ShardedDictionary<TKey, TValue>
    where TKey : notnull
{
    private const int ShardCount = 64;

    private readonly Dictionary<TKey, TValue>[] _shards;
    private readonly IEqualityComparer<TKey> _comparer;

    public ShardedDictionary(IEqualityComparer<TKey> comparer)
    {
        ArgumentNullException.ThrowIfNull(comparer);
        _comparer = comparer;
        _shards = new Dictionary<TKey, TValue>[ShardCount];
        for (var i = 0; i < ShardCount; i++)
        {
            _shards[i] = new Dictionary<TKey, TValue>(comparer);
        }
    }

    /// <summary>How many entries are kept.</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var shard in _shards)
            {
                lock (shard)
                {
                    count += shard.Count;
                }
            }

            return count;
        }
    }

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => TryGetValue(ShardOf(_comparer.GetHashCode(key)), key, out value);

    /// <summary>The value kept under a key given as a span, for texts compared by a comparer that reads spans (e.g. <see cref="StringComparer.Ordinal"/>).</summary>
    public bool TryGetValue(ReadOnlySpan<char> key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_comparer is not IAlternateEqualityComparer<ReadOnlySpan<char>, TKey> alternate)
        {
            throw new InvalidOperationException($"the comparer of this dictionary ({_comparer.GetType().Name}) does not compare spans of characters with its keys");
        }

        var shard = ShardOf(alternate.GetHashCode(key));
        lock (shard)
        {
            return shard.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out value);
        }
    }

    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    /// <summary>The value kept under the key, or <paramref name="value"/>, then kept.</summary>
    public TValue GetOrAdd(TKey key, TValue value) => GetOrAdd(ShardOf(_comparer.GetHashCode(key)), key, value);

    /// <summary>The value kept under the key, or the one <paramref name="make"/> makes from <paramref name="state"/>, then kept.</summary>
    public TValue GetOrAdd<TState>(TKey key, Func<TKey, TState, TValue> make, TState state)
    {
        ArgumentNullException.ThrowIfNull(make);
        var shard = ShardOf(_comparer.GetHashCode(key));
        return TryGetValue(shard, key, out var kept) ? kept : GetOrAdd(shard, key, make(key, state));
    }

    private static bool TryGetValue(Dictionary<TKey, TValue> shard, TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        lock (shard)
        {
            return shard.TryGetValue(key, out value);
        }
    }

    private static TValue GetOrAdd(Dictionary<TKey, TValue> shard, TKey key, TValue value)
    {
        lock (shard)
        {
            if (shard.TryGetValue(key, out var kept))
            {
                return kept;
            }

            shard.Add(key, value);
            return value;
        }
    }

    // Unchecked: a hash is any int, and the project checks arithmetic.
    private Dictionary<TKey, TValue> ShardOf(int hash) => _shards[unchecked((int)((uint)hash % ShardCount))];
}
