using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Ward.Aws.Policy;

/// <summary>
/// Answers worked out once per key and shared by every thread, up to a number of keys: past it, answers are still
/// worked out but no longer kept, so a run over an unusually varied estate cannot grow it without end. The count is
/// kept apart because counting a concurrent dictionary takes all its locks.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int limit, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new(comparer);
    private int _count;

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _entries.TryGetValue(key, out value);

    /// <summary>Keeps the answer unless the limit is reached (or another thread kept one first).</summary>
    public void Add(TKey key, TValue value)
    {
        if (Volatile.Read(ref _count) < limit && _entries.TryAdd(key, value))
        {
            Interlocked.Increment(ref _count);
        }
    }
}
