using System.Collections.Concurrent;

namespace Ward.Core.Collections;

/// <summary>
/// Values worked out once per key even when several threads ask at the same time, kept without a wrapper: a
/// <see cref="Lazy{T}"/> per key is an object the collector carries to the end of the run for every answer (hundreds
/// of thousands on a large estate). Only a value being worked out has one, and it is let go once the value is kept.
/// A factory that throws is not asked again: its exception is kept (as a <see cref="Lazy{T}"/> keeps it) and thrown to
/// every later asker of the key.
/// </summary>
public sealed class OnceCache<TKey, TValue>
    where TKey : notnull
{
    private readonly ShardedDictionary<TKey, TValue> _known;
    private readonly ConcurrentDictionary<TKey, Lazy<TValue>> _pending;

    public OnceCache(IEqualityComparer<TKey> comparer)
    {
        _known = new ShardedDictionary<TKey, TValue>(comparer);
        _pending = new ConcurrentDictionary<TKey, Lazy<TValue>>(comparer);
    }

    /// <summary>The values worked out so far, to look up without working one out (e.g. by an alternate key).</summary>
    public ShardedDictionary<TKey, TValue> Known => _known;

    /// <summary>The value for the key, worked out by <paramref name="make"/> from <paramref name="state"/> if no thread has yet.</summary>
    public TValue GetOrAdd<TState>(TKey key, Func<TKey, TState, TValue> make, TState state)
    {
        ArgumentNullException.ThrowIfNull(make);
        if (_known.TryGetValue(key, out var known))
        {
            return known;
        }

        var pending = _pending.GetOrAdd(key, static (key, arguments) => new Lazy<TValue>(() => arguments.Make(key, arguments.State)), (Make: make, State: state));
        // A thread that finds the value kept takes it: the pending one may have been let go and made anew meanwhile.
        if (_known.TryGetValue(key, out known))
        {
            _pending.TryRemove(new KeyValuePair<TKey, Lazy<TValue>>(key, pending));
            return known;
        }

        var value = _known.GetOrAdd(key, pending.Value);
        _pending.TryRemove(new KeyValuePair<TKey, Lazy<TValue>>(key, pending));
        return value;
    }
}
