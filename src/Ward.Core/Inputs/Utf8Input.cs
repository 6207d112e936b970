using System.Text;

namespace Ward.Core.Inputs;

/// <summary>
/// An input file's bytes as UTF-8 without a byte order mark: what the JSON readers take. Windows PowerShell writes
/// exports redirected with <c>&gt;</c> as UTF-16 with a byte order mark, and some editors add one to UTF-8; the JSON
/// readers would reject either as invalid JSON.
/// </summary>
public static class Utf8Input
{
    /// <summary>Reads the file (throws what <see cref="File.ReadAllBytes"/> throws) and <see cref="Normalize"/>s it.</summary>
    public static byte[] Read(string path) => Normalize(File.ReadAllBytes(path));

    /// <summary>The bytes without a UTF-8 byte order mark, and UTF-16 (either byte order, with its mark) as UTF-8.</summary>
    public static byte[] Normalize(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return bytes switch
        {
            [0xEF, 0xBB, 0xBF, ..] => bytes[3..],
            [0xFF, 0xFE, ..] => Encoding.UTF8.GetBytes(Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2)),
            [0xFE, 0xFF, ..] => Encoding.UTF8.GetBytes(Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2)),
            _ => bytes,
        };
    }
}
