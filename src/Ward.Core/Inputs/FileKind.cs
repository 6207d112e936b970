using System.Runtime.InteropServices;

namespace Ward.Core.Inputs;

/// <summary>
/// Tells a regular file from a named pipe, socket or device, which opening to read would block on (a pipe without a
/// writer) or read without end (<c>/dev/zero</c>). .NET has no API for this: on Unix its file attributes say
/// <see cref="FileAttributes.Normal"/> for all of them, so the kind is read with the runtime's own stat.
/// </summary>
public static partial class FileKind
{
    /// <summary>
    /// What the path is when it is not a regular file ("a named pipe (FIFO)"), links followed; null for a regular file,
    /// a folder, or a path whose kind cannot be told (it does not exist: reading it then reports why).
    /// </summary>
    public static string? NotRegular(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            // Windows keeps pipes and devices out of folders; a device path (\\.\…) is the one a user could give.
            try
            {
                return File.GetAttributes(path).HasFlag(FileAttributes.Device) ? "a device" : null;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        int mode;
        try
        {
            mode = Mode(path);
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            // A runtime without its native shim: the file is read as before.
            return null;
        }

        if (mode < 0)
        {
            return null;
        }

        return (mode & TypeMask) switch
        {
            Fifo => "a named pipe (FIFO)",
            Socket => "a socket",
            CharacterDevice => "a character device",
            BlockDevice => "a block device",
            _ => null,
        };
    }

    // The runtime's file types (its native shim normalises them to these values on every Unix).
    private const int TypeMask = 0xF000;
    private const int Fifo = 0x1000;
    private const int CharacterDevice = 0x2000;
    private const int BlockDevice = 0x6000;
    private const int Socket = 0xC000;

    /// <summary>The path's mode as the runtime's stat gives it (links followed); -1 when it cannot be stat'ed.</summary>
    private static unsafe int Mode(string path)
    {
        // The runtime's FileStatus starts with two 32-bit fields, flags then mode; later fields grew between versions,
        // so the buffer is larger than any of them.
        var status = stackalloc byte[512];
        return Stat(path, status) == 0 ? *(int*)(status + sizeof(int)) : -1;
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Stat(string path, byte* status);
}
