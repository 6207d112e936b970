using Spectre.Console;
using Spectre.Console.Cli;
using Ward.Aws.Queries;
using Ward.Cli.Output;
using Ward.Core.Decisions;
using Ward.Reporting;

namespace Ward.Cli.Commands;

/// <summary><c>ward who-can</c>: every principal allowed, or allowed only under conditions, with the deciding layer.</summary>
public sealed class WhoCanCommand(IAnsiConsole console, StandardOutput standardOutput, TimeProvider clock) : Command<WhoCanSettings>
{
    public override int Execute(CommandContext context, WhoCanSettings settings, CancellationToken cancellationToken)
    {
        if (EstateLoading.Load(settings, cancellationToken) is not { } estates)
        {
            return ExitCodes.UsageOrUnusableInput;
        }

        if (settings.IsApiPermission)
        {
            return ApiPermissionQuestions.WhoCan(console, settings, estates);
        }

        if (settings.IsDirectory)
        {
            return EntraQuestions.WhoCan(console, settings, estates, settings.ReferenceTime(clock));
        }

        if (settings.IsAzure)
        {
            return AzureQuestions.WhoCan(console, settings.Json ? standardOutput.Messages : console, settings, estates, settings.ReferenceTime(clock));
        }

        if (settings.IsGcp)
        {
            return GcpQuestions.WhoCan(console, standardOutput, settings, estates, settings.ReferenceTime(clock));
        }

        if (EstateLoading.Aws(console, estates) is not { } estate || EstateLoading.SuppliedPolicies(settings, Console.Error) is not { } supplied)
        {
            return ExitCodes.UsageOrUnusableInput;
        }

        EstateLoading.WarnIfUnknownAwsAction(settings.Json ? standardOutput.Messages : console, settings.Action);
        var queries = new AwsAccessQueries(estate, settings.ReferenceTime(clock));
        var answers = queries.WhoCan(settings.Action, settings.Resource, settings.ContextValues(), settings.All, supplied)
            .OrderBy(a => a.Decision.Kind)
            .ThenBy(a => a.Principal.Value, StringComparer.Ordinal)
            .ToList();
        if (settings.Json)
        {
            var json = new WhoCanJson(settings.Action, settings.Resource, [.. answers.Select(a => new CanJson(a.Principal.Value, a.Action, a.Resource, DecisionJson.From(a.Decision)))]);
            CliJson.WriteAnswer(console.Profile.Out.Writer, json, estates);
            return ExitCodes.Ok;
        }

        console.MarkupLineInterpolated($"Who can [bold]{settings.Action}[/] on [bold]{settings.Resource}[/]: {answers.Count(a => a.Decision.IsAllowed)} allowed, {answers.Count(a => a.Decision.Kind == DecisionKind.Conditional)} conditionally, {answers.Count(a => a.Decision.Kind == DecisionKind.Indeterminate)} indeterminate.");
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("Principal");
        table.AddColumn("Decision");
        table.AddColumn("Why");
        foreach (var answer in answers)
        {
            var why = answer.Decision is Conditional c
                ? $"{answer.Decision.Explanation.Summary}"
                : answer.Decision.Explanation.Summary;
            table.AddRow(
                VisibleText.ForConsole(answer.Principal.Value),
                $"[{DecisionRenderer.Colour(answer.Decision.Kind)}]{answer.Decision.Kind}[/]",
                VisibleText.ForConsole(why));
        }

        console.Write(table);
        return ExitCodes.Ok;
    }
}
