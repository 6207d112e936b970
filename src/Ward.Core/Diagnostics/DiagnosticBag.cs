using System.Collections.Immutable;

namespace Ward.Core.Diagnostics;

/// <summary>Collects diagnostics while input is read; readers report everything and stop at nothing.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    public bool HasErrors
    {
        get
        {
            lock (_gate)
            {
                return _items.Exists(d => d.Severity == DiagnosticSeverity.Error);
            }
        }
    }

    public void Add(Diagnostic diagnostic)
    {
        lock (_gate)
        {
            _items.Add(diagnostic);
        }
    }

    public void Add(string code, DiagnosticSeverity severity, string message, SourceLocation location) =>
        Add(new Diagnostic(code, severity, message, location));

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        lock (_gate)
        {
            _items.AddRange(diagnostics);
        }
    }

    /// <summary>Another bag's diagnostics, in the order they were added there (a part of the work done apart, taken in turn).</summary>
    public void AddRange(DiagnosticBag other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Diagnostic[] items;
        lock (other._gate)
        {
            items = [.. other._items];
        }

        AddRange(items);
    }

    /// <summary>All diagnostics in a stable order: by file, line, path, then code.</summary>
    public ImmutableArray<Diagnostic> ToSortedArray()
    {
        lock (_gate)
        {
            return [.. _items
                .OrderBy(d => d.Location.File, StringComparer.Ordinal)
                .ThenBy(d => d.Location.Line ?? int.MaxValue)
                .ThenBy(d => d.Location.JsonPath ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(d => d.Code, StringComparer.Ordinal)];
        }
    }
}
