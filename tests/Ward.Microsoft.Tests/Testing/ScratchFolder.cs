namespace Ward.Microsoft.Tests.Testing;

/// <summary>A folder of files written for one test, inside the test output, deleted afterwards. Names may hold sub-folders.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder(params (string Name, string Text)[] files)
    {
        Path = System.IO.Path.Combine(AppContext.BaseDirectory, "scratch-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        foreach (var (name, text) in files)
        {
            Write(name, text);
        }
    }

    public string Path { get; }

    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    /// <summary>Copies a fixture folder in, so a test can change or remove some of its files.</summary>
    public void CopyFrom(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            Write(System.IO.Path.GetRelativePath(folder, file), File.ReadAllText(file));
        }
    }

    public void Delete(string name) => File.Delete(System.IO.Path.Combine(Path, name));

    /// <summary>Rewrites a JSON array file of the folder (a path relative to it) after <paramref name="edit"/> changed it.</summary>
    public void EditJsonArray(string name, Action<System.Text.Json.Nodes.JsonArray> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var path = System.IO.Path.Combine(Path, name);
        var array = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        edit(array);
        File.WriteAllText(path, array.ToJsonString());
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
