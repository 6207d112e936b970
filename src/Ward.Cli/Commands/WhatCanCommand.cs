using Spectre.Console;
using Spectre.Console.Cli;
using Ward.Aws.Catalog;
using Ward.Aws.Queries;
using Ward.Cli.Output;
using Ward.Reporting;

namespace Ward.Cli.Commands;

/// <summary><c>ward what-can</c>: effective permissions per service and access level.</summary>
public sealed class WhatCanCommand(IAnsiConsole console, StandardOutput standardOutput, TimeProvider clock) : Command<WhatCanSettings>
{
    public override int Execute(CommandContext context, WhatCanSettings settings, CancellationToken cancellationToken)
    {
        if (EstateLoading.Load(settings, cancellationToken) is not { } estates)
        {
            return ExitCodes.UsageOrUnusableInput;
        }

        // A principal written as Google Cloud policies name one asks about Google Cloud.
        if (estates.HasGcp && GcpQuestions.LooksLikeGcpPrincipal(settings.Principal))
        {
            if (settings.Service is not null || settings.AccessLevel is not null)
            {
                console.MarkupLine("[red]error:[/] --service and --access-level apply to AWS principals.");
                return ExitCodes.UsageOrUnusableInput;
            }

            return GcpQuestions.WhatCan(console, standardOutput, settings, estates, settings.ReferenceTime(clock));
        }

        // Without Azure exports, a service principal or user of the Entra ID export is asked about its API permissions.
        if (estates.HasEntra && !estates.HasAzure && (!estates.HasAws || ApiPermissionQuestions.NamesDirectoryPrincipal(settings.Principal, estates.Entra)))
        {
            if (settings.Service is not null || settings.AccessLevel is not null)
            {
                console.MarkupLine("[red]error:[/] --service and --access-level apply to AWS principals.");
                return ExitCodes.UsageOrUnusableInput;
            }

            return ApiPermissionQuestions.WhatCan(console, settings, estates);
        }

        // An object id or a user principal name asks about Azure when Azure exports were read (and anything does when only they were).
        if (estates.HasAzure && (!estates.HasAws || AzureQuestions.LooksLikeMicrosoftPrincipal(settings.Principal)))
        {
            if (settings.Service is not null || settings.AccessLevel is not null)
            {
                console.MarkupLine("[red]error:[/] --service and --access-level apply to AWS principals.");
                return ExitCodes.UsageOrUnusableInput;
            }

            return AzureQuestions.WhatCan(console, settings.Json ? standardOutput.Messages : console, settings, estates);
        }

        if (EstateLoading.Aws(console, estates) is not { } estate)
        {
            return ExitCodes.UsageOrUnusableInput;
        }

        var queries = new AwsAccessQueries(estate, settings.ReferenceTime(clock));
        var principal = queries.FindPrincipal(settings.Principal, out var problem);
        if (principal is null)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {problem}");
            return ExitCodes.UsageOrUnusableInput;
        }

        var permissions = queries.WhatCan(principal, settings.Service, settings.Level, settings.ContextValues());
        var services = permissions.GroupBy(p => p.Action.Service, StringComparer.Ordinal).ToList();
        if (settings.Json)
        {
            var json = new WhatCanJson(principal.Value, [.. services.Select(g => new ServicePermissionsJson(
                g.Key,
                g.GroupBy(p => p.Action.AccessLevel.Display(), StringComparer.Ordinal).ToDictionary(l => l.Key, l => l.Count(), StringComparer.Ordinal),
                settings.Expand ? [.. g.Select(p => new ActionPermissionJson(p.Action.FullName, p.Action.AccessLevel.Display(), p.Resources, p.ConditionalResources))] : []))]);
            CliJson.WriteAnswer(console.Profile.Out.Writer, json, estates);
            return ExitCodes.Ok;
        }

        console.MarkupLineInterpolated($"Effective permissions of [bold]{principal.Value}[/]: {permissions.Length} actions in {services.Count} services.");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Service");
        foreach (var level in Enum.GetValues<AccessLevel>())
        {
            table.AddColumn(new TableColumn(level.Display()).RightAligned());
        }

        table.AddColumn("Resources");
        foreach (var service in services)
        {
            var cells = new List<string> { VisibleText.ForConsole(service.Key) };
            cells.AddRange(Enum.GetValues<AccessLevel>().Select(level => service.Count(p => p.Action.AccessLevel == level) is var n && n > 0 ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "[grey]-[/]"));
            var resources = service.SelectMany(p => p.Resources).Distinct(StringComparer.Ordinal).Take(4).ToList();
            cells.Add(VisibleText.ForConsole(string.Join(", ", resources)) + (service.SelectMany(p => p.Resources).Distinct(StringComparer.Ordinal).Count() > 4 ? " …" : string.Empty));
            table.AddRow(cells.ToArray());
        }

        console.Write(table);
        if (settings.Expand)
        {
            foreach (var permission in permissions)
            {
                console.MarkupLineInterpolated($"  {permission.Action.FullName} [grey]({permission.Action.AccessLevel.Display()})[/] on {string.Join(", ", permission.Resources.Concat(permission.ConditionalResources.Select(r => r + " (conditional)")))}");
            }
        }

        return ExitCodes.Ok;
    }
}
