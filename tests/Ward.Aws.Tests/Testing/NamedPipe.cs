using System.Diagnostics;

namespace Ward.Aws.Tests.Testing;

/// <summary>Named pipes (FIFOs) made with <c>mkfifo</c>, and loads run against them with a time limit.</summary>
internal static class NamedPipe
{
    /// <summary>Makes a named pipe at the path; skips the test where there are none (Windows keeps pipes out of folders).</summary>
    public static void Make(string path)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "named pipes (mkfifo) exist on Unix only");
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    /// <summary>
    /// Runs the load or scan, failing after 30 s rather than hanging the test run: a reader blocked opening the pipe is then
    /// released by opening its other end, so the test process can end.
    /// </summary>
    public static T LoadWithin<T>(string pipe, Func<T> load)
    {
        var loading = Task.Run(load, TestContext.Current.CancellationToken);
        if (!loading.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken))
        {
            File.WriteAllText(pipe, string.Empty);
            Assert.Fail($"reading did not end within 30 s: it opened the named pipe `{pipe}`");
        }

        return loading.Result;
    }
}
