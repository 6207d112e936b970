using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace Ward.Core.Diagnostics;

/// <summary>What every provider's JSON readers share: naming a value's kind in a diagnostic, and reading an array of strings.</summary>
public static class JsonValues
{
    /// <summary><c>an object</c>, <c>an array</c>, <c>a string</c> …, as diagnostics say what they found.</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>
    /// Whether a property's name is in <paramref name="known"/>, without making a string of it: readers check every
    /// field of every object of a large export against the fields they know, and almost every name is known.
    /// </summary>
    public static bool IsKnownName(JsonProperty property, FrozenSet<string> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.Length > 64 || raw.Contains((byte)'\\'))
        {
            return known.Contains(property.Name);
        }

        Span<char> name = stackalloc char[64];
        return Utf8.ToUtf16(raw, name, out _, out var written) == OperationStatus.Done
            ? known.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name[..written])
            : known.Contains(property.Name);
    }

    /// <summary>The string items of an array, in order; each other item is handed to <paramref name="skipped"/> with its JSON path, and left out.</summary>
    public static ImmutableArray<string> StringItems(JsonElement array, string path, Action<JsonElement, string> skipped)
    {
        ArgumentNullException.ThrowIfNull(skipped);
        var builder = ImmutableArray.CreateBuilder<string>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                builder.Add(item.GetString()!);
            }
            else
            {
                skipped(item, JsonPath.Index(path, index));
            }

            index++;
        }

        return builder.ToImmutable();
    }
}
