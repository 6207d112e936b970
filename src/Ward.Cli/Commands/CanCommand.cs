using Spectre.Console;
using Spectre.Console.Cli;
using Ward.Aws.Queries;
using Ward.Cli.Output;
using Ward.Core.Decisions;

namespace Ward.Cli.Commands;

/// <summary><c>ward can</c>: one decision with its explanation.</summary>
public sealed class CanCommand(IAnsiConsole console, StandardOutput standardOutput, TimeProvider clock) : Command<CanSettings>
{
    public override int Execute(CommandContext context, CanSettings settings, CancellationToken cancellationToken)
    {
        if (EstateLoading.Load(settings, cancellationToken) is not { } estates)
        {
            return ExitCodes.UsageOrUnusableInput;
        }

        if (settings.IsApiPermission)
        {
            return ApiPermissionQuestions.Can(console, settings, estates);
        }

        if (settings.IsDirectory)
        {
            return EntraQuestions.Can(console, settings, estates, settings.ReferenceTime(clock));
        }

        if (settings.IsAzure)
        {
            return AzureQuestions.Can(console, settings.Json ? standardOutput.Messages : console, settings, estates, settings.ReferenceTime(clock));
        }

        if (settings.IsGcp)
        {
            return GcpQuestions.Can(console, standardOutput, settings, estates, settings.ReferenceTime(clock));
        }

        if (EstateLoading.Aws(console, estates) is not { } estate || EstateLoading.SuppliedPolicies(settings, Console.Error) is not { } supplied)
        {
            return ExitCodes.UsageOrUnusableInput;
        }

        var queries = new AwsAccessQueries(estate, settings.ReferenceTime(clock));
        var principal = queries.FindPrincipal(settings.Principal, out var problem);
        // Messages go to standard error when the answer is JSON, so that standard output parses.
        var messages = settings.Json ? standardOutput.Messages : console;
        if (principal is null)
        {
            messages.MarkupLineInterpolated($"[red]error:[/] {problem}");
            return ExitCodes.UsageOrUnusableInput;
        }

        if (problem is not null)
        {
            messages.MarkupLineInterpolated($"[yellow]warning:[/] {problem}");
        }

        EstateLoading.WarnIfUnknownAwsAction(messages, settings.Action);

        var answer = queries.Can(principal, settings.Action, settings.Resource, settings.ContextValues(), supplied);
        if (settings.Json)
        {
            var json = new CanJson(principal.Value, settings.Action, settings.Resource, DecisionJson.From(answer.Decision));
            CliJson.WriteAnswer(console.Profile.Out.Writer, json, estates);
        }
        else
        {
            DecisionRenderer.Render(console, principal.Value, settings.Action, settings.Resource, answer.Decision);
        }

        return answer.Decision.Kind == DecisionKind.Indeterminate ? ExitCodes.UsageOrUnusableInput : ExitCodes.Ok;
    }
}
