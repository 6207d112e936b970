using Spectre.Console;
using Ward.Core.Decisions;
using Ward.Reporting;

namespace Ward.Cli.Output;

/// <summary>Draws a decision and its explanation for a person.</summary>
internal static class DecisionRenderer
{
    public static string Colour(DecisionKind kind) => kind switch
    {
        DecisionKind.Allowed => "green",
        DecisionKind.ExplicitDeny => "red",
        DecisionKind.ImplicitDeny => "yellow",
        DecisionKind.Conditional => "aqua",
        _ => "fuchsia",
    };

    public static void Render(IAnsiConsole console, string principal, string action, string resource, Decision decision)
    {
        console.MarkupLineInterpolated($"[bold]{principal}[/] → [bold]{action}[/] on [bold]{resource}[/]");
        // Summaries that open with the verdict itself ("Allowed: …") are not told it twice.
        var summary = decision.Explanation.Summary;
        var verdict = $"{decision.Kind}: ";
        console.MarkupLineInterpolated($"[{Colour(decision.Kind)} bold]{decision.Kind}[/]: {(summary.StartsWith(verdict, StringComparison.Ordinal) ? summary[verdict.Length..] : summary)}");
        if (decision is Conditional conditional)
        {
            foreach (var requirement in conditional.Requirements)
            {
                console.MarkupLineInterpolated($"  • {requirement}");
            }
        }

        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("Layer");
        table.AddColumn("Outcome");
        table.AddColumn("Statements that apply");
        foreach (var layer in decision.Explanation.Layers)
        {
            var statements = layer.Statements.Length == 0
                ? "[grey]none[/]"
                : string.Join("\n", layer.Statements.Select(s =>
                    $"{(s.Effect == StatementEffect.Deny ? "[red]Deny[/]" : "[green]Allow[/]")} {VisibleText.ForConsole(s.Statement)} of {VisibleText.ForConsole(s.Policy)}"
                    + (s.Conditions.Length > 0 ? $"\n   [grey]if {VisibleText.ForConsole(string.Join(" and ", s.Conditions))}[/]" : string.Empty)
                    + (s.Undecided ? " [aqua](undecided)[/]" : string.Empty)));
            var name = VisibleText.ForConsole(layer.Scope is null ? layer.Layer : $"{layer.Layer} {layer.Scope}");
            table.AddRow(layer.Decisive ? $"[bold]{name} ◀[/]" : name, VisibleText.ForConsole(layer.Outcome.ToString()), statements);
        }

        console.Write(table);
    }
}
