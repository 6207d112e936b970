using System.Globalization;
using Spectre.Console;
using Ward.Cli.Output;
using Ward.Core.Decisions;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Evaluation;
using Ward.Reporting;

namespace Ward.Cli.Commands;

/// <summary>
/// <c>ward can</c> and <c>who-can</c> on Entra ID directory roles: whether a principal's roles let it perform a
/// resource action (<c>microsoft.directory/users/password/update</c>) on one directory object, with the scope,
/// administrative unit, condition and reset-tier reasoning of <see cref="EntraRoleAuthorizer"/>.
/// </summary>
internal static class EntraQuestions
{
    // Namespaces of Entra role definitions' resource actions (Azure operations never start with these).
    private static readonly string[] DirectoryNamespaces =
        ["microsoft.directory/", "microsoft.office365.", "microsoft.azure.", "microsoft.intune/", "microsoft.teams/", "microsoft.commerce.", "microsoft.cloudpc/", "microsoft.dynamics365/", "microsoft.powerapps/", "microsoft.permissionsmanagement/"];

    /// <summary>Whether the action is an Entra role definition's resource action rather than an Azure operation.</summary>
    public static bool IsDirectoryAction(string action) =>
        DirectoryNamespaces.Any(n => action.StartsWith(n, StringComparison.OrdinalIgnoreCase));

    public static int Can(IAnsiConsole console, CanSettings settings, LoadedEstates estates, DateTimeOffset asOf)
    {
        if (Directory(console, estates) is not { } directory
            || Resolve(console, settings.Principal, directory, "principal") is not { } principal
            || Target(console, settings.Resource, directory) is not { } target)
        {
            return ExitCodes.UsageOrUnusableInput;
        }

        var authorizer = new EntraRoleAuthorizer(directory, asOf);
        var decision = authorizer.Authorize(principal, settings.Action, target, ownership: true);
        var ifActivated = HasEligibility(directory) ? authorizer.Authorize(principal, settings.Action, target, activateEligible: true, ownership: true) : null;
        if (settings.Json)
        {
            var json = new CanJson(principal, settings.Action, target, DecisionJson.From(decision), ifActivated is null ? null : DecisionJson.From(ifActivated));
            CliJson.WriteAnswer(console.Profile.Out.Writer, json, estates);
        }
        else
        {
            DecisionRenderer.Render(console, EntraNames.Label(principal, directory), settings.Action, EntraNames.Label(target, directory), decision);
            if (ifActivated is not null && ifActivated.Kind != decision.Kind)
            {
                console.MarkupLineInterpolated($"With its PIM eligibilities activated: [{DecisionRenderer.Colour(ifActivated.Kind)} bold]{ifActivated.Kind}[/]: {ifActivated.Explanation.Summary}");
            }
        }

        return decision.Kind == DecisionKind.Indeterminate ? ExitCodes.UsageOrUnusableInput : ExitCodes.Ok;
    }

    public static int WhoCan(IAnsiConsole console, WhoCanSettings settings, LoadedEstates estates, DateTimeOffset asOf)
    {
        if (Directory(console, estates) is not { } directory || Target(console, settings.Resource, directory) is not { } target)
        {
            return ExitCodes.UsageOrUnusableInput;
        }

        // Only holders of a directory role (active or eligible, directly or as members of a role-assignable group) and
        // the target's owners can be allowed anything: decide those, not every user of the tenant.
        var authorizer = new EntraRoleAuthorizer(directory, asOf);
        var answers = RoleHolders(directory).Concat(authorizer.OwnersOf(target).Select(o => o.Id)).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(p => (Principal: p, Decision: authorizer.Authorize(p, settings.Action, target, ownership: true), IfActivated: authorizer.Authorize(p, settings.Action, target, activateEligible: true, ownership: true)))
            .Where(a => settings.All || a.Decision.Kind is not (DecisionKind.ImplicitDeny or DecisionKind.ExplicitDeny) || a.IfActivated.Kind is not (DecisionKind.ImplicitDeny or DecisionKind.ExplicitDeny))
            .OrderBy(a => a.Decision.Kind)
            .ThenBy(a => EntraNames.Label(a.Principal, directory), StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (settings.Json)
        {
            var json = new WhoCanJson(settings.Action, target, [.. answers.Select(a => new CanJson(a.Principal, settings.Action, target, DecisionJson.From(a.Decision), a.IfActivated.Kind == a.Decision.Kind ? null : DecisionJson.From(a.IfActivated)))]);
            CliJson.WriteAnswer(console.Profile.Out.Writer, json, estates);
            return ExitCodes.Ok;
        }

        var onlyIfActivated = answers.Count(a => !a.Decision.IsAllowed && a.IfActivated.IsAllowed);
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Who can [bold]{settings.Action}[/] on [bold]{EntraNames.Label(target, directory)}[/]: {answers.Count(a => a.Decision.IsAllowed)} allowed, {onlyIfActivated} once a PIM eligibility is activated, {answers.Count(a => a.Decision.Kind == DecisionKind.Indeterminate)} indeterminate.");
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("Principal");
        table.AddColumn("Type");
        table.AddColumn("Decision");
        table.AddColumn("Why");
        foreach (var (principal, decision, ifActivated) in answers)
        {
            var shown = $"[{DecisionRenderer.Colour(decision.Kind)}]{decision.Kind}[/]"
                + (ifActivated.Kind != decision.Kind ? $"\n[grey]if activated:[/] [{DecisionRenderer.Colour(ifActivated.Kind)}]{ifActivated.Kind}[/]" : string.Empty);
            var why = !decision.IsAllowed && ifActivated.IsAllowed ? ifActivated.Explanation.Summary : decision.Explanation.Summary;
            table.AddRow(VisibleText.ForConsole(EntraNames.Label(principal, directory)), VisibleText.ForConsole(directory.KindOf(principal)?.ToString() ?? "unknown"), shown, VisibleText.ForConsole(why));
        }

        console.Write(table);
        return ExitCodes.Ok;
    }

    private static EntraDirectory? Directory(IAnsiConsole console, LoadedEstates estates) =>
        EntraNames.Directory(console, estates, "a directory role question needs role definitions and role assignments");

    /// <summary>The object a question is about: an object id, a user principal name or a display name; <c>/</c> (or <c>*</c>) for the tenant as a whole.</summary>
    private static string? Target(IAnsiConsole console, string text, EntraDirectory directory) =>
        text is "/" or "*" ? "/" : Resolve(console, text, directory, "resource");

    /// <summary>An object id from what the user typed: an id, a user principal name, an application id, or a display name that names one object.</summary>
    private static string? Resolve(IAnsiConsole console, string text, EntraDirectory directory, string role)
    {
        if (Guid.TryParse(text, out _))
        {
            var id = text.ToLowerInvariant();
            if (directory.KindOf(id) is not null)
            {
                return id;
            }

            if (directory.FindServicePrincipalByAppId(id) is { } byAppId)
            {
                return byAppId.Id;
            }

            console.MarkupLineInterpolated($"[yellow]warning:[/] {role} `{text}` is not an object of the Entra ID export; deciding on its id alone.");
            return id;
        }

        return EntraNames.One(console, text, role, EntraNames.ByName(text, directory), "user principal name, display name or object id");
    }

    private static bool HasEligibility(EntraDirectory directory) =>
        !directory.RoleEligibilityScheduleInstances.IsDefaultOrEmpty || !directory.RoleEligibilitySchedules.IsDefaultOrEmpty;

    /// <summary>Every principal holding a directory role, active or eligible: the assignees, and the members of role-assignable groups among them.</summary>
    private static IEnumerable<string> RoleHolders(EntraDirectory directory) =>
        directory.RoleAssignments.Concat(directory.RoleEligibilityScheduleInstances).Concat(directory.RoleEligibilitySchedules)
            .Select(a => a.PrincipalId)
            .SelectMany(p => directory.FindGroup(p) is { IsAssignableToRole: true } group ? (group.TransitiveMembers ?? group.Members ?? []).Select(m => m.Id).Prepend(p) : [p])
            .Where(p => directory.FindGroup(p) is null)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal);

}
