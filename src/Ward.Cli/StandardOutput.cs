using Spectre.Console;

namespace Ward.Cli;

/// <summary>
/// Where a report written to standard output goes, and the console for messages meanwhile (standard error), so
/// that progress, skipped inputs and input errors never mix with a report a pipeline reads.
/// </summary>
public sealed class StandardOutput
{
    private readonly Stream? _stream;

    /// <param name="messages">Where messages go while a report is written to standard output.</param>
    /// <param name="stream">The report's destination; null for the process's standard output.</param>
    public StandardOutput(IAnsiConsole messages, Stream? stream = null)
    {
        Messages = messages;
        _stream = stream;
    }

    public IAnsiConsole Messages { get; }

    public void Write(Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (_stream is not null)
        {
            write(_stream);
            _stream.Flush();
            return;
        }

        using var stdout = Console.OpenStandardOutput();
        write(stdout);
        stdout.Flush();
    }
}
