using System.Collections.Frozen;

namespace Ward.Aws.Policy.Evaluation;

/// <summary>
/// The request context keys of one request. Keys are case-insensitive, values case-sensitive.
/// A <em>closed</em> context is complete: a key it lacks is absent from the request. An <em>open</em> context
/// (interactive queries) knows only some keys: a key it lacks is unknown unless it is known to be absent, and a
/// decision that hinges on it is reported as conditional rather than guessed.
/// </summary>
public sealed class RequestContext
{
    private readonly IReadOnlyDictionary<string, ContextValue> _values;
    private readonly IReadOnlyDictionary<string, ContextValue>? _shared;
    private readonly Func<string, bool>? _isKnownAbsent;

    private RequestContext(IReadOnlyDictionary<string, ContextValue> values, IReadOnlyDictionary<string, ContextValue>? shared, bool isOpen, Func<string, bool>? isKnownAbsent)
    {
        _values = values;
        _shared = shared;
        IsOpen = isOpen;
        _isKnownAbsent = isKnownAbsent;
    }

    public static RequestContext Empty { get; } = Closed([]);

    public bool IsOpen { get; }

    public IEnumerable<KeyValuePair<string, ContextValue>> Values =>
        _shared is null ? _values : _values.Concat(_shared.Where(kv => !_values.ContainsKey(kv.Key)));

    public static RequestContext Closed(IEnumerable<KeyValuePair<string, ContextValue>> values) =>
        new(values.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), null, isOpen: false, isKnownAbsent: null);

    /// <param name="values">The keys known for this request.</param>
    /// <param name="isKnownAbsent">Tells which missing keys are known to be absent (e.g. tags the principal lacks).</param>
    public static RequestContext Open(IEnumerable<KeyValuePair<string, ContextValue>> values, Func<string, bool>? isKnownAbsent = null) =>
        new(values.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), null, isOpen: true, isKnownAbsent);

    /// <summary>
    /// An open context whose request-specific keys (case-insensitive dictionary) override keys shared by many
    /// requests (the principal's), so the shared part is built once.
    /// </summary>
    public static RequestContext Open(IReadOnlyDictionary<string, ContextValue> values, IReadOnlyDictionary<string, ContextValue> shared, Func<string, bool>? isKnownAbsent) =>
        new(values, shared, isOpen: true, isKnownAbsent);

    public KeyState Lookup(string key, out ContextValue value)
    {
        if (_values.TryGetValue(key, out value) || (_shared is not null && _shared.TryGetValue(key, out value)))
        {
            return KeyState.Present;
        }

        return !IsOpen || (_isKnownAbsent?.Invoke(key) ?? false) ? KeyState.Absent : KeyState.Unknown;
    }
}
