using Ward.Core.Diagnostics;

namespace Ward.Core.Inputs;

/// <summary>
/// Turns the files and folders a user gives into the files to read: folders recursively, in ordinal path order, hidden
/// files (a leading dot) found in a folder not read but told (as not accepted), each file once however often it is reached (a folder and its subfolder, two
/// spellings of a path, a link to a file already listed). A named pipe, socket or device is never opened (reading a pipe
/// blocks until something writes to it): one found in a folder is told as a warning, one given by name as an error.
/// What cannot be read is told to the caller, never dropped: every provider's loader reports it in its own terms.
/// </summary>
public static class InputPaths
{
    /// <param name="paths">Files and folders as given.</param>
    /// <param name="accepts">Whether a file found in a folder is one the loader reads (a file named directly always is).</param>
    /// <param name="notAccepted">Told of each file found in a folder that <paramref name="accepts"/> refuses.</param>
    /// <param name="unreadable">
    /// Told of each path that does not exist, folder that cannot be listed, or file that is not a regular file: the path,
    /// a message, a short note and the severity to report it with.
    /// </param>
    public static IEnumerable<string> Expand(IEnumerable<string> paths, Func<string, bool> accepts, Action<string> notAccepted, Action<string, string, string, DiagnosticSeverity> unreadable)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(accepts);
        ArgumentNullException.ThrowIfNull(notAccepted);
        ArgumentNullException.ThrowIfNull(unreadable);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in FilesUnder(path, unreadable).Where(f => reached.Add(RealPath(f))))
                {
                    // Checked before anything opens the file: accepts and notAccepted may read its first line.
                    if (FileKind.NotRegular(file) is { } kind)
                    {
                        unreadable(file, $"`{file}` is {kind}, not a regular file: not read", $"{kind}, not a regular file; not read", DiagnosticSeverity.Warning);
                    }
                    else if (!IsHidden(file) && accepts(file))
                    {
                        yield return file;
                    }
                    else
                    {
                        notAccepted(file);
                    }
                }
            }
            else if (File.Exists(path) && FileKind.NotRegular(path) is { } kind)
            {
                unreadable(path, $"`{path}` is {kind}, not a regular file: not read (save the export to a file and give that)", $"{kind}, not a regular file; not read", DiagnosticSeverity.Error);
            }
            else if (File.Exists(path))
            {
                if (reached.Add(RealPath(path)))
                {
                    yield return path;
                }
            }
            else
            {
                unreadable(path, $"`{path}` does not exist", "does not exist", DiagnosticSeverity.Error);
            }
        }
    }

    /// <summary>The file's full path, links followed (as given when the link cannot be resolved).</summary>
    private static string RealPath(string file)
    {
        try
        {
            return Path.GetFullPath(new FileInfo(file).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Path.GetFullPath(file);
        }
    }

    /// <summary>
    /// Every file under a folder, in ordinal order. A subfolder that cannot be listed is told and skipped, the rest read;
    /// a linked folder is followed once (one that leads back to a folder already listed, a loop, is told and skipped).
    /// </summary>
    private static List<string> FilesUnder(string root, Action<string, string, string, DiagnosticSeverity> unreadable)
    {
        var files = new List<string>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            try
            {
                var real = Path.GetFullPath(new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? folder);
                if (!listed.Add(real))
                {
                    unreadable(folder, $"`{folder}` links to a folder already read (`{real}`): not read again", "a link to a folder already read; not read again", DiagnosticSeverity.Error);
                    continue;
                }

                files.AddRange(Directory.GetFiles(folder));
                foreach (var subfolder in Directory.GetDirectories(folder).OrderDescending(StringComparer.Ordinal))
                {
                    pending.Push(subfolder);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                unreadable(folder, $"cannot read the folder: {exception.Message}", exception.Message, DiagnosticSeverity.Error);
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// Why a file found in a folder is not read: not JSON, or a compressed export whose content Ward would read once
    /// decompressed.
    /// </summary>
    public static string NotReadNote(string file) =>
        IsHidden(file) ? "a hidden file (its name starts with a dot): not read from a folder; give it by name to have it read"
        : HasExtension(file, ".gz", ".zip", ".bz2", ".xz", ".zst")
            ? $"a compressed file ({Path.GetExtension(file)}): decompress it to have it read; not read"
            : "not a JSON file; not read";

    /// <summary>A hidden file (<c>.DS_Store</c>, an editor's swap file), which a folder's reading leaves out.</summary>
    public static bool IsHidden(string file) => Path.GetFileName(file).StartsWith('.');

    /// <summary>Whether a file name ends with one of the extensions (case-insensitive).</summary>
    public static bool HasExtension(string file, params string[] extensions) =>
        extensions.Any(extension => file.EndsWith(extension, StringComparison.OrdinalIgnoreCase));
}
