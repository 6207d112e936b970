using System.Diagnostics;

namespace Ward.Microsoft.Tests.Testing;

/// <summary>Runs one of the repository's export scripts (scripts/*.sh) with bash, with a chosen PATH.</summary>
internal static class ExportScript
{
    public sealed record Run(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>The script's path; the repository root is the first folder above the test output holding Ward.slnx.</summary>
    public static string PathOf(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Ward.slnx")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? throw new InvalidOperationException("the repository root (Ward.slnx) was not found above the test output");
        return Path.Combine(root, "scripts", name);
    }

    /// <summary>Skips the test unless bash and every tool named are on PATH (the scripts need them); returns bash's path.</summary>
    public static string RequireTools(params string[] tools)
    {
        foreach (var tool in (string[])["bash", .. tools])
        {
            if (Find(tool) is null)
            {
                Assert.Skip($"the export scripts need {tool}, which is not on PATH");
            }
        }

        return Find("bash") ?? throw new InvalidOperationException("bash is not on PATH");
    }

    /// <summary>The machine's PATH with the fake `az` folder first.</summary>
    public static string PathWith(string folder) => folder + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");

    public static async Task<Run> RunAsync(string bash, string script, string path, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(bash)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(PathOf(script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = path;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new Run(process.ExitCode, await output, await error);
    }

    private static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists);
}
