using System.Text;

namespace Ward.Microsoft.Tests.Testing;

/// <summary>
/// A stand-in for the Azure CLI, for running the export scripts without a tenant: an executable `az` shell script in
/// its own folder that answers each command it knows with canned output and fails loudly (exit 2, the command on
/// stderr) on any other, so that a test names what a script asked. Every call is logged, one line each.
/// </summary>
/// <remarks>
/// A command is looked up by its arguments joined with spaces (`account list --all --output json`). `az rest` is
/// looked up as `rest METHOD URL` - first with the whole URL, then with the URL up to its query - so a collection is
/// answered whatever its `$select`, while a next link (whose path is the collection's) is answered by its own page.
/// </remarks>
internal sealed class FakeAzureCli
{
    private readonly List<(string Command, string Response, bool Fails)> _answers = [];

    public FakeAzureCli(string folder)
    {
        Folder = folder;
        Bin = Path.Combine(folder, "bin");
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(Path.Combine(folder, "responses"));
        LogFile = Path.Combine(folder, "az-calls.log");
    }

    public string Folder { get; }

    /// <summary>The folder holding only `az`, to put first on PATH.</summary>
    public string Bin { get; }

    public string LogFile { get; }

    /// <summary>Each command the scripts ran, in order (the arguments joined with spaces).</summary>
    public IReadOnlyList<string> Calls => File.Exists(LogFile) ? File.ReadAllLines(LogFile) : [];

    /// <summary>Answers a command (or a `rest get URL`) with this output on stdout and exit status 0, instead of any earlier answer.</summary>
    public void Answer(string command, string output) => Set(command, output, fails: false);

    /// <summary>Answers `rest get URL` with a Graph or ARM response.</summary>
    public void AnswerGet(string url, string output) => Answer("rest get " + url, output);

    /// <summary>Fails a command as the Azure CLI does, instead of any earlier answer: this message on stderr, exit status 1.</summary>
    public void Fail(string command, string message) => Set(command, message, fails: true);

    /// <summary>Writes the `az` script and the responses; call after the last answer.</summary>
    public void Write()
    {
        var script = new StringBuilder();
        script.Append("#!/usr/bin/env bash\n");
        script.Append("# A fake Azure CLI written by a test: canned answers, and a loud failure for any other command.\n");
        script.Append("printf '%s\\n' \"$*\" >>").Append(Quote(LogFile)).Append('\n');
        script.Append("responses=").Append(Quote(Path.Combine(Folder, "responses"))).Append('\n');
        script.Append("reply() { printf '%s\\n' \"$(<\"$responses/$1\")\"; exit 0; }\n");
        script.Append("refuse() { printf '%s\\n' \"$(<\"$responses/$1\")\" >&2; exit 1; }\n");
        script.Append("key=\"$*\"\n");
        script.Append("if [ \"${1:-}\" = rest ]; then\n");
        script.Append("  method=''; url=''; previous=''\n");
        script.Append("  for argument in \"$@\"; do\n");
        script.Append("    case \"$previous\" in --method|-m) method=$argument ;; --url|--uri|-u) url=$argument ;; esac\n");
        script.Append("    previous=$argument\n");
        script.Append("  done\n");
        script.Append("  key=\"rest $method $url\"\n");
        script.Append("fi\n");
        script.Append("lookup() {\n  case \"$1\" in\n");
        for (var i = 0; i < _answers.Count; i++)
        {
            var (command, response, fails) = _answers[i];
            var file = $"{i:D3}.txt";
            File.WriteAllText(Path.Combine(Folder, "responses", file), response);
            script.Append("    ").Append(Quote(command)).Append(") ").Append(fails ? "refuse " : "reply ").Append(file).Append(" ;;\n");
        }

        script.Append("  esac\n}\n");
        script.Append("lookup \"$key\"\n");
        script.Append("[ \"${1:-}\" = rest ] && lookup \"rest $method ${url%%\\?*}\"\n");
        script.Append("printf 'fake az: no canned answer for: az %s\\n' \"$*\" >&2\n");
        script.Append("exit 2\n");

        var az = Path.Combine(Bin, "az");
        File.WriteAllText(az, script.ToString());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private void Set(string command, string response, bool fails)
    {
        _answers.RemoveAll(a => a.Command == command);
        _answers.Add((command, response, fails));
    }

    /// <summary>Bash single quotes: every character literal, a quote written as '\''.</summary>
    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
