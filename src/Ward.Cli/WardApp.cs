using Spectre.Console;
using Spectre.Console.Cli;
using Ward.Cli.Commands;

namespace Ward.Cli;

/// <summary>The composition root of the <c>ward</c> command.</summary>
public static class WardApp
{
    public static int Run(string[] args, IAnsiConsole? console = null)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("ward");
            config.SetApplicationVersion(typeof(WardApp).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
            if (console is not null)
            {
                config.ConfigureConsole(console);
            }

            config.Settings.ExceptionHandler = (exception, _) =>
            {
                var target = console ?? AnsiConsole.Console;
                target.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
                if (Environment.GetEnvironmentVariable("WARD_DEBUG") == "1")
                {
                    target.WriteException(exception);
                }
                return ExitCodes.UsageOrUnusableInput;
            };

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
}
