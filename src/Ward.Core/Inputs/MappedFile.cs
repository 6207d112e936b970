using System.IO.MemoryMappedFiles;

namespace Ward.Core.Inputs;

/// <summary>
/// A file's bytes read in place, mapped into memory: a quick look at a large file that the reader may then leave
/// (another cloud's export) costs neither a copy of the file nor an allocation of its size.
/// </summary>
public static class MappedFile
{
    public delegate T SpanReader<out T>(ReadOnlySpan<byte> bytes);

    /// <summary>
    /// Calls <paramref name="read"/> with the file's bytes, valid during the call only. Throws what opening and mapping
    /// the file throw (<see cref="IOException"/>, <see cref="UnauthorizedAccessException"/>).
    /// </summary>
    public static unsafe T Read<T>(string path, SpanReader<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        if (stream.Length == 0)
        {
            // An empty file cannot be mapped.
            return read([]);
        }

        if (stream.Length > int.MaxValue)
        {
            throw new IOException($"the file is larger than {int.MaxValue} bytes");
        }

        var length = (int)stream.Length;
        using var mapped = MemoryMappedFile.CreateFromFile(stream, mapName: null, capacity: 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        using var view = mapped.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        var handle = view.SafeMemoryMappedViewHandle;
        byte* start = null;
        handle.AcquirePointer(ref start);
        try
        {
            return read(new ReadOnlySpan<byte>(start + view.PointerOffset, length));
        }
        finally
        {
            handle.ReleasePointer();
        }
    }
}
