using System.Buffers;
using System.Text.Json;
using Ward.Core.Diagnostics;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Tells, from a file's first entry alone, that it is surely a Google Cloud export: a list whose first item, or
/// newline-delimited assets whose first line, is an asset, service account, key, role, group, membership or deny
/// policy, named as Google Cloud names them. Such a file need not be offered to the other clouds' readers (a Google
/// Cloud folder is thousands of small files, each otherwise parsed by every reader). Only a sure "yes" counts:
/// anything else, a file whose first entry is longer than what is looked at included, goes through every reader.
/// </summary>
public static class GcpFileClaim
{
    /// <summary>How much of a file is looked at: a first entry longer than this is not judged.</summary>
    private const int Looked = 64 * 1024;

    private static readonly string[] NamePrefixes = ["//", "projects/", "organizations/", "folders/", "roles/", "groups/", "policies/"];

    /// <summary>Whether the file is surely a Google Cloud export; false when unsure, unreadable or not JSON. Never throws.</summary>
    public static bool Claims(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Asked of every file of a folder: the buffer is borrowed, not made anew each time.
        var buffer = ArrayPool<byte>.Shared.Rent(Looked);
        try
        {
            int read;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan))
            {
                read = stream.ReadAtLeast(buffer.AsSpan(0, Looked), Looked, throwOnEndOfStream: false);
            }

            return ClaimsText(buffer.AsSpan(0, read), wholeFile: read < Looked);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Whether the start of a file (the whole file when <paramref name="wholeFile"/>) is surely a Google Cloud export.</summary>
    internal static bool ClaimsText(ReadOnlySpan<byte> start, bool wholeFile)
    {
        // A byte order mark is left to the readers, which say what they make of it.
        try
        {
            var reader = new Utf8JsonReader(start, isFinalBlock: wholeFile, state: default);
            if (!reader.Read())
            {
                return false;
            }

            var isList = reader.TokenType == JsonTokenType.StartArray;
            if ((isList && !reader.Read()) || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            // False when the entry does not end within what was looked at.
            if (!JsonDocument.TryParseValue(ref reader, out var parsed))
            {
                return false;
            }

            using var first = parsed;
            var entry = new GcpEntry(first.RootElement, JsonPath.Root);
            if (entry.Text("name") is not { } name || !Array.Exists(NamePrefixes, p => name.StartsWith(p, StringComparison.Ordinal)))
            {
                return false;
            }

            // A single object is claimed only as an asset (the first line of newline-delimited assets, or one asset).
            return EntryClassifier.Classify(first.RootElement) switch
            {
                EntryKind.Asset => name.StartsWith("//", StringComparison.Ordinal),
                EntryKind.ServiceAccount => isList && name.Contains("/serviceAccounts/", StringComparison.Ordinal),
                EntryKind.ServiceAccountKey or EntryKind.Role or EntryKind.Group or EntryKind.GroupMembership or EntryKind.DenyPolicy => isList,
                _ => false,
            };
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
