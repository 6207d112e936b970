using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Ward.Core.Collections;

/// <summary>
/// A hash of text compared ordinally, for keys the runtime would hash with its randomized string hash (a string inside
/// a struct or tuple key): the graphs look such keys up millions of times, and the randomized hash was the most
/// sampled method of a large scan. Not for keys an attacker chooses to collide: the inputs are the user's own exports.
/// </summary>
public static class OrdinalHash
{
    public static int Of(string? text) => text is null ? 0 : Of(text.AsSpan());

    /// <remarks>Overflow is the arithmetic here (the project checks it by default): each step says unchecked.</remarks>
    public static int Of(ReadOnlySpan<char> text)
    {
        var bytes = MemoryMarshal.AsBytes(text);
        var hash = 0x9E3779B97F4A7C15UL ^ (ulong)bytes.Length;
        while (bytes.Length >= sizeof(ulong))
        {
            hash = Mix(hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes));
            bytes = bytes[sizeof(ulong)..];
        }

        var tail = 0UL;
        for (var i = 0; i < bytes.Length; i++)
        {
            tail |= (ulong)bytes[i] << (8 * i);
        }

        hash = Mix(hash ^ tail);
        return unchecked((int)(hash ^ (hash >> 32)));
    }

    /// <summary>The hashes of two or three texts, combined.</summary>
    public static int Of(string? first, string? second) => unchecked((Of(first) * 31) + Of(second));

    public static int Of(string? first, string? second, string? third) => unchecked((Of(first, second) * 31) + Of(third));

    private static ulong Mix(ulong value)
    {
        value = unchecked(value * 0xBF58476D1CE4E5B9UL);
        return value ^ (value >> 31);
    }
}
