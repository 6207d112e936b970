using System.Text;
using Spectre.Console.Testing;

namespace Ward.Cli.Tests;

/// <summary>Runs the real command line in process against a test console.</summary>
internal static class WardRunner
{
    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        var exitCode = WardApp.Run(args, console);
        return (exitCode, console.Output);
    }

    /// <summary>Runs with standard output captured apart from the console (where messages go meanwhile).</summary>
    public static (int ExitCode, string Console, string StandardOutput) RunCapturingStandardOutput(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        using var stdout = new MemoryStream();
        var exitCode = WardApp.Run(args, console, stdout);
        return (exitCode, console.Output, Encoding.UTF8.GetString(stdout.ToArray()));
    }
}
