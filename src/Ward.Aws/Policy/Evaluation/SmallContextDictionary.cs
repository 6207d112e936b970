using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Ward.Aws.Policy.Evaluation;

/// <summary>
/// The few request-specific keys of one request (case-insensitive), kept in a list: analyses make millions of
/// requests with two to five such keys each, for which a hashed dictionary costs more to build than to search.
/// </summary>
internal sealed class SmallContextDictionary : IReadOnlyDictionary<string, ContextValue>
{
    private readonly List<KeyValuePair<string, ContextValue>> _entries;

    public SmallContextDictionary(int capacity) => _entries = new List<KeyValuePair<string, ContextValue>>(capacity);

    public int Count => _entries.Count;

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<ContextValue> Values => _entries.Select(e => e.Value);

    public ContextValue this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);
        set
        {
            var index = IndexOf(key);
            if (index >= 0)
            {
                _entries[index] = new(_entries[index].Key, value);
            }
            else
            {
                _entries.Add(new(key, value));
            }
        }
    }

    public bool Remove(string key)
    {
        var index = IndexOf(key);
        if (index < 0)
        {
            return false;
        }

        _entries.RemoveAt(index);
        return true;
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out ContextValue value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _entries[index].Value : default;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, ContextValue>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            var known = _entries[i].Key;
            if (known.Length == key.Length && string.Equals(known, key, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
