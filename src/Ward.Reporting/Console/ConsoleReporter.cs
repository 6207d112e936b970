using System.Runtime.InteropServices;
using Spectre.Console;
using Ward.Analysis;

namespace Ward.Reporting.Console;

/// <summary>The console summary: counts by severity and category, riskiest identities, shortest paths to admin.</summary>
public static class ConsoleReporter
{
    public static void Write(ScanResult result, IAnsiConsole console, int pathsToShow = 10)
    {
        var estate = result.Estate;
        console.Write(new Rule("[bold]Ward scan[/]").LeftJustified());
        console.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"{VisibleText.Of(ScanFacts.EstateSummary(result)).ReplaceLineEndings(" ")}; reference time {result.ReferenceTime:yyyy-MM-dd HH:mm} UTC.");
        foreach (var skipped in result.Skipped)
        {
            console.MarkupLineInterpolated($"[yellow]not analysed:[/] {skipped.Analysis}: {skipped.Reason}");
        }

        if (result.Suppressed.Length > 0)
        {
            console.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[grey]{result.Suppressed.Length} finding(s) suppressed as accepted risks (listed in the JSON report).[/]");
        }

        foreach (var expired in result.Expired)
        {
            console.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[yellow]suppression expired[/] (it held until {expired.Until}): {expired.Rule} {expired.Principal ?? expired.Fingerprint} ({expired.Location}); its findings are reported again.");
        }

        foreach (var unused in result.Unused)
        {
            console.MarkupLineInterpolated($"[grey]suppression matched nothing:[/] {unused.Rule} {unused.Principal ?? unused.Fingerprint} ({unused.Location}).");
        }

        foreach (var note in result.Notes)
        {
            console.MarkupLineInterpolated($"[grey]note:[/] {note}");
        }

        var bySeverity = new Table().Border(TableBorder.Rounded).Title("Findings by severity");
        bySeverity.AddColumn("Severity");
        bySeverity.AddColumn(new TableColumn("Count").RightAligned());
        foreach (var severity in Enum.GetValues<Severity>().Reverse())
        {
            var count = result.Findings.Count(f => f.Severity == severity);
            bySeverity.AddRow($"[{Colour(severity)}]{severity}[/]", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var byCategory = new Table().Border(TableBorder.Rounded).Title("Findings by category");
        byCategory.AddColumn("Category");
        byCategory.AddColumn(new TableColumn("Count").RightAligned());
        foreach (var group in result.Findings.GroupBy(f => f.Category, StringComparer.Ordinal).OrderByDescending(g => g.Count()))
        {
            byCategory.AddRow(Shown(group.Key), group.Count().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Write(new Columns(bySeverity, byCategory));

        // Exposure findings are about resources (their principal is the bucket or key): listed apart from identities.
        WriteWorst(console, result.Findings.Where(f => f.Category != ExposureCategory), "Riskiest identities", "Principal");
        WriteWorst(console, result.Findings.Where(f => f.Category == ExposureCategory), "Exposed resources", "Resource");

        var paths = ScanFacts.ShortestPaths(result).Take(pathsToShow).ToList();
        if (paths.Count > 0)
        {
            console.Write(new Rule("[bold]Shortest paths to admin[/]").LeftJustified());
            foreach (var finding in paths)
            {
                var tree = new Tree($"[{Colour(finding.Severity)}]{Shown(ScanFacts.Principal(finding))}[/]");
                foreach (var step in finding.Path)
                {
                    var node = tree.AddNode($"[bold]{Shown(step.Technique)}[/] → {Shown(ScanFacts.Named(step.To, step.ToName))}");
                    node.AddNode(Shown(step.Description));
                    foreach (var permission in step.Permissions)
                    {
                        node.AddNode($"[grey]{Shown(permission.Action)} on {Shown(permission.Resource)} — {Shown(permission.GrantedBy)}[/]");
                    }

                    foreach (var requirement in step.Requirements)
                    {
                        node.AddNode($"[aqua]if {Shown(requirement)}[/]");
                    }
                }

                console.Write(tree);
            }
        }
    }

    public static string Colour(Severity severity) => severity switch
    {
        Severity.Critical => "red bold",
        Severity.High => "red",
        Severity.Medium => "yellow",
        Severity.Low => "blue",
        _ => "grey",
    };

    private const string ExposureCategory = "exposure";

    private static void WriteWorst(IAnsiConsole console, IEnumerable<Finding> findings, string title, string subject)
    {
        // A tenant has 100,000s of findings: each subject's worst severity and count in one pass, then the findings of
        // the ten riskiest only.
        var tally = new Dictionary<string, (Severity Worst, int Count)>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(tally, finding.Principal, out var seen);
            entry = seen ? (finding.Severity > entry.Worst ? finding.Severity : entry.Worst, entry.Count + 1) : (finding.Severity, 1);
        }

        if (tally.Count == 0)
        {
            return;
        }

        var riskiest = tally.OrderByDescending(t => t.Value.Worst).ThenByDescending(t => t.Value.Count).ThenBy(t => t.Key, StringComparer.Ordinal).Take(10).Select(t => t.Key).ToList();
        var theirs = riskiest.ToDictionary(principal => principal, _ => new List<Finding>(), StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            theirs.GetValueOrDefault(finding.Principal)?.Add(finding);
        }

        var table = new Table().Border(TableBorder.Rounded).Title(title).Expand();
        table.AddColumn(subject);
        table.AddColumn("Worst");
        table.AddColumn("Findings");
        foreach (var principal in riskiest)
        {
            var group = theirs[principal];
            var worst = tally[principal].Worst;
            var name = group.Select(f => f.PrincipalName).FirstOrDefault(n => n is not null);
            var displayName = group.Select(f => f.PrincipalDisplayName).FirstOrDefault(n => n is not null);
            table.AddRow(Shown(ScanFacts.Named(principal, name, displayName)), $"[{Colour(worst)}]{worst}[/]", Shown(string.Join(", ", group.Select(f => f.RuleId).Distinct(StringComparer.Ordinal))));
        }

        console.Write(table);
    }

    /// <summary>
    /// A value as the console shows it: Spectre markup escaped, control and text-reordering characters made visible
    /// (<see cref="VisibleText"/>: a name must not clear the screen or write a hyperlink), line breaks as spaces.
    /// </summary>
    private static string Shown(string? value) => VisibleText.ForConsole(value);
}
