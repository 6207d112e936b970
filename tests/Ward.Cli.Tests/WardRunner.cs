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

    /// <summary>Runs with the messages written meanwhile (standard error) apart from the console (standard output).</summary>
    public static (int ExitCode, string Output, string Messages) RunWithMessagesApart(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        var messages = new TestConsole();
        messages.Profile.Width = 200;
        var exitCode = WardApp.Run(args, console, messages: messages);
        return (exitCode, console.Output, messages.Output);
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
