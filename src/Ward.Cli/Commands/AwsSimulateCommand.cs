using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Simulation;
using Ward.Core.Decisions;

namespace Ward.Cli.Commands;

/// <summary><c>ward aws simulate</c>: one result line per case, in input order; malformed lines get an Error line.</summary>
public sealed class AwsSimulateCommand(IAnsiConsole console) : Command<AwsSimulateSettings>
{
    public override int Execute(CommandContext context, AwsSimulateSettings settings, CancellationToken cancellationToken)
    {
        var fileName = settings.Cases == "-" ? "<stdin>" : settings.Cases;
        if (settings.Cases != "-" && !File.Exists(settings.Cases))
        {
            console.MarkupLineInterpolated($"[red]error:[/] cases file `{settings.Cases}` does not exist");
            return ExitCodes.UsageOrUnusableInput;
        }

        using var reader = settings.Cases == "-" ? Console.In : new StreamReader(settings.Cases);
        using var output = settings.Output is null ? Console.Out : new StreamWriter(settings.Output);
        int total = 0, agreed = 0, withExpected = 0, errors = 0;
        foreach (var line in SimulationCaseReader.Read(reader, fileName))
        {
            cancellationToken.ThrowIfCancellationRequested();
            total++;
            string json;
            if (line.Case is { } simulationCase)
            {
                var decision = AwsAuthorizer.Authorize(simulationCase.Request, simulationCase.Policies);
                var decisionName = DecisionName(decision);
                if (simulationCase.Expected is { } expected)
                {
                    withExpected++;
                    if (expected == decisionName)
                    {
                        agreed++;
                    }
                }

                json = JsonSerializer.Serialize(new SimulationResultLine(simulationCase.Id, decisionName, decision.Explanation.Summary, decision is Indeterminate i ? i.Reason : null), CliJson.Options.GetTypeInfo(typeof(SimulationResultLine)));
            }
            else
            {
                errors++;
                var message = string.Join("; ", line.Diagnostics.Select(d => d.ToString()));
                json = JsonSerializer.Serialize(new SimulationResultLine(line.Id ?? $"line {line.Line}", "Error", message, null), CliJson.Options.GetTypeInfo(typeof(SimulationResultLine)));
            }

            output.WriteLine(json);
        }

        if (settings.Summary)
        {
            Console.Error.WriteLine($"{total} cases, {errors} unreadable; {agreed} of {withExpected} agree with `expected`.");
        }

        return ExitCodes.Ok;
    }

    internal static string DecisionName(Decision decision) => decision switch
    {
        Conditional => "Indeterminate",
        _ => decision.Kind.ToString(),
    };
}

public sealed record SimulationResultLine(string Id, string Decision, string Explanation, string? Reason);
