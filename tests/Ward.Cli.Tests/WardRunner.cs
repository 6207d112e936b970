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
}
