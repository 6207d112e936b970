using Spectre.Console;
using Spectre.Console.Cli;
using Ward.Cli.Commands;

namespace Ward.Cli;

/// <summary>The composition root of the <c>ward</c> command.</summary>
public static class WardApp
{
    /// <param name="args">The command line.</param>
    /// <param name="console">The console for people (default: the terminal).</param>
    /// <param name="standardOutput">Where reports for standard output go (default: the process's); with a
    /// <paramref name="console"/> given, messages go to it meanwhile, otherwise to standard error.</param>
    /// <param name="messages">Where messages go while a report is written to standard output, when not as above.</param>
    public static int Run(string[] args, IAnsiConsole? console = null, Stream? standardOutput = null, IAnsiConsole? messages = null)
    {
        var services = new ServiceRegistrar();
        services.RegisterInstance(TimeProvider.System);
        services.RegisterInstance(new StandardOutput(messages ?? console ?? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }), standardOutput));
        var app = new CommandApp(services);
        app.Configure(config =>
        {
            config.SetApplicationName("ward");
            // An unknown option is an error, not ignored: `--fial-on high` must not silently turn off a CI gate.
            config.UseStrictParsing();
            config.SetApplicationVersion(typeof(WardApp).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
            if (console is not null)
            {
                config.ConfigureConsole(console);
            }

            config.Settings.ExceptionHandler = (exception, _) =>
            {
                var target = console ?? AnsiConsole.Console;
                target.MarkupLineInterpolated($"[red]error:[/] {ErrorMessage(exception, args)}");
                if (Environment.GetEnvironmentVariable("WARD_DEBUG") == "1")
                {
                    target.WriteException(exception);
                }
                return ExitCodes.UsageOrUnusableInput;
            };

            config.AddCommand<ScanCommand>("scan")
                .WithDescription("Scan exports: entitlement graph, escalation paths to admin, risky identities; a console summary, or a JSON, SARIF, HTML, CSV or Markdown report.")
                .WithExample("scan", "samples/aws")
                .WithExample("scan", "exports/", "--format", "json", "--output", "findings.json", "--fail-on", "high")
                .WithExample("scan", "exports/", "--format", "sarif", "--output", "ward.sarif")
                .WithExample("scan", "exports/", "--format", "html", "--output", "report.html");
            config.AddCommand<CanCommand>("can")
                .WithDescription("Can this principal perform this action on this resource? The decision and why.")
                .WithExample("can", "-i", "samples/aws", "user/alice", "s3:GetObject", "arn:aws:s3:::northwind-data/report.csv");
            config.AddCommand<WhoCanCommand>("who-can")
                .WithDescription("Every principal allowed (or allowed under conditions) to perform an action on a resource.")
                .WithExample("who-can", "-i", "samples/aws", "iam:PassRole", "arn:aws:iam::444455556666:role/lambda-exec");
            config.AddCommand<WhatCanCommand>("what-can")
                .WithDescription("Effective permissions of a principal, per service and access level.")
                .WithExample("what-can", "-i", "samples/aws", "user/alice", "--service", "s3", "--expand");
            config.AddBranch("aws", aws =>
            {
                aws.SetDescription("AWS-specific commands.");
                aws.AddCommand<AwsSimulateCommand>("simulate")
                    .WithDescription("Decide a batch of self-contained AWS authorization cases (neutral JSONL format), one result line per case.")
                    .WithExample("aws", "simulate", "--cases", "cases.jsonl");
            });
        });

        return app.Run(args);
    }

    /// <summary>What an error that reached the command line says to the user.</summary>
    internal static string ErrorMessage(Exception exception, IReadOnlyList<string> args)
    {
        // Work done on every core fails wrapped ("one or more errors occurred"): say what went wrong inside.
        var inner = exception is AggregateException aggregate ? aggregate.Flatten().InnerExceptions[0] : exception;
        return ConversionFailure(inner, args) ?? inner.Message;
    }

    /// <summary>
    /// An option value that is not of the option's type, said with the option's name: the parser's own message names
    /// the .NET type (<c>Failed to convert 'abc' to Nullable`1.</c>). Null for any other error.
    /// </summary>
    private static string? ConversionFailure(Exception exception, IReadOnlyList<string> args)
    {
        const string Prefix = "Failed to convert '";
        if (exception is not CommandRuntimeException || !exception.Message.StartsWith(Prefix, StringComparison.Ordinal)
            || exception.Message.IndexOf("' to ", Prefix.Length, StringComparison.Ordinal) is not (> 0 and var end))
        {
            return null;
        }

        var value = exception.Message[Prefix.Length..end];
        var expected = exception.InnerException?.Message.Contains("Int32", StringComparison.Ordinal) == true ? "a whole number" : "a valid value";
        // The option is the word before the value (`--unused-days abc`), or the value's own prefix (`--unused-days=abc`).
        var option = Enumerable.Range(0, args.Count)
            .Select(i => args[i] == value && i > 0 && args[i - 1].StartsWith('-') ? args[i - 1]
                : args[i].EndsWith("=" + value, StringComparison.Ordinal) && args[i].StartsWith('-') ? args[i][..^(value.Length + 1)]
                : null)
            .FirstOrDefault(o => o is not null);
        return option is null
            ? $"`{value}` is not {expected} (see --help for what each option takes)"
            : $"{option}: `{value}` is not {expected}";
    }
}
