using System.Globalization;
using Spectre.Console;
using Ward.Cli.Output;
using Ward.Core.Decisions;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Evaluation;
using Ward.Reporting;

namespace Ward.Cli.Commands;

/// <summary>
/// <c>ward can</c> and <c>who-can</c> on API permissions (<c>Mail.Read</c>, <c>Office 365 Exchange Online/full_access_as_app</c>):
/// whether a service principal holds one app-only or delegated, or a user through delegated grants, with the
/// reasoning of <see cref="ApiPermissionAuthorizer"/>.
/// </summary>
internal static class ApiPermissionQuestions
{
    public static int Can(IAnsiConsole console, CanSettings settings, LoadedEstates estates)
    {
        if (Directory(console, estates) is not { } directory
            || Permission(console, settings.Action, settings.Resource, directory) is not { } permission
            || Principal(console, settings.Principal, directory, "principal") is not { } principal)
        {
            return ExitCodes.UsageOrUnusableInput;
        }

        string? asUser = null;
        if (settings.AsUser is not null)
        {
            asUser = Principal(console, settings.AsUser, directory, "--as-user");
            if (asUser is null)
            {
                return ExitCodes.UsageOrUnusableInput;
            }

            if (directory.FindUser(asUser) is null)
            {
                console.MarkupLineInterpolated($"[red]error:[/] --as-user `{settings.AsUser}` is not a user of the Entra ID export.");
                return ExitCodes.UsageOrUnusableInput;
            }

            if (directory.FindServicePrincipal(principal) is null)
            {
                console.MarkupLineInterpolated($"[red]error:[/] --as-user decides a service principal's delegated permissions; `{settings.Principal}` is not a service principal.");
                return ExitCodes.UsageOrUnusableInput;
            }
        }

        var decision = new ApiPermissionAuthorizer(directory).Authorize(principal, permission, asUser);
        if (settings.Json)
        {
            var json = new CanJson(principal, permission.Name, permission.Resource.Id, DecisionJson.From(decision));
            CliJson.WriteAnswer(console.Profile.Out.Writer, json, estates);
        }
        else
        {
            DecisionRenderer.Render(console, EntraNames.Label(principal, directory), permission.Name, $"{permission.ResourceName} ({permission.Resource.Id})", decision);
        }

        return decision.Kind == DecisionKind.Indeterminate ? ExitCodes.UsageOrUnusableInput : ExitCodes.Ok;
    }

    public static int WhoCan(IAnsiConsole console, WhoCanSettings settings, LoadedEstates estates)
    {
        if (Directory(console, estates) is not { } directory
            || Permission(console, settings.Action, settings.Resource, directory) is not { } permission)
        {
            return ExitCodes.UsageOrUnusableInput;
        }

        // Only the principals an app role assignment or a grant names can hold the permission: decide those.
        var authorizer = new ApiPermissionAuthorizer(directory);
        var answers = authorizer.Candidates(permission)
            .Select(p => (Principal: p, Decision: authorizer.Authorize(p, permission)))
            .Where(a => settings.All || a.Decision.Kind is not (DecisionKind.ImplicitDeny or DecisionKind.ExplicitDeny))
            .OrderBy(a => a.Decision.Kind)
            .ThenBy(a => EntraNames.Label(a.Principal, directory), StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (settings.Json)
        {
            var json = new WhoCanJson(permission.Name, permission.Resource.Id, [.. answers.Select(a => new CanJson(a.Principal, permission.Name, permission.Resource.Id, DecisionJson.From(a.Decision)))]);
            CliJson.WriteAnswer(console.Profile.Out.Writer, json, estates);
            return ExitCodes.Ok;
        }

        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Who holds [bold]{permission.Name}[/] of [bold]{permission.ResourceName}[/]: {answers.Count(a => a.Decision.IsAllowed)} app-only, {answers.Count(a => a.Decision.Kind == DecisionKind.Conditional)} delegated (while a user it covers signs in).");
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("Principal");
        table.AddColumn("Type");
        table.AddColumn("Decision");
        table.AddColumn("Why");
        foreach (var (principal, decision) in answers)
        {
            var why = decision is Conditional conditional
                ? $"{decision.Explanation.Summary}\n{string.Join("\n", conditional.Requirements.Select(r => $"• {r}"))}"
                : decision.Explanation.Summary;
            table.AddRow(VisibleText.ForConsole(EntraNames.Label(principal, directory)), VisibleText.ForConsole(directory.KindOf(principal)?.ToString() ?? "unknown"), $"[{DecisionRenderer.Colour(decision.Kind)}]{decision.Kind}[/]", VisibleText.ForConsole(why));
        }

        console.Write(table);
        return ExitCodes.Ok;
    }

    /// <summary>Whether a principal as typed names a service principal or user of the Entra ID export (for <c>what-can</c> beside other exports).</summary>
    public static bool NamesDirectoryPrincipal(string text, EntraDirectory directory) =>
        AzureQuestions.LooksLikeMicrosoftPrincipal(text)
        || directory.ServicePrincipals.Any(s => string.Equals(s.DisplayName, text, StringComparison.OrdinalIgnoreCase))
        || directory.Applications.Any(a => string.Equals(a.DisplayName, text, StringComparison.OrdinalIgnoreCase));

    /// <summary><c>ward what-can</c> on Entra ID: a service principal's application permissions and delegated grants, or the grants that cover a user.</summary>
    public static int WhatCan(IAnsiConsole console, WhatCanSettings settings, LoadedEstates estates)
    {
        if (Directory(console, estates) is not { } directory
            || Principal(console, settings.Principal, directory, "principal") is not { } principal)
        {
            return ExitCodes.UsageOrUnusableInput;
        }

        if (!HoldsApiPermissions(directory, principal))
        {
            console.MarkupLineInterpolated($"[red]error:[/] `{settings.Principal}` is not a service principal or user: only they hold API permissions (a group's app roles reach its member users).");
            return ExitCodes.UsageOrUnusableInput;
        }

        if (settings.Json)
        {
            CliJson.WriteAnswer(console.Profile.Out.Writer, WhatCanJson(directory, principal), estates);
            return ExitCodes.Ok;
        }

        WriteWhatCan(console, directory, principal);
        return ExitCodes.Ok;
    }

    /// <summary>Whether the principal (an object id) is a service principal or user of the directory: only they hold API permissions.</summary>
    public static bool HoldsApiPermissions(EntraDirectory directory, string principal) =>
        directory.FindServicePrincipal(principal) is not null || directory.FindUser(principal) is not null;

    /// <summary>The principal's application permissions and delegated grants, for <c>--format json</c>.</summary>
    public static EntraWhatCanJson WhatCanJson(EntraDirectory directory, string principal)
    {
        var holdings = ApiPermissionHoldings.Of(directory, principal);
        return new EntraWhatCanJson(
            principal,
            EntraNames.Label(principal, directory),
            [.. holdings.AppRoles.Select(r => new EntraAppRoleJson(r.Granted.Resource, r.Assignment.ResourceId, r.Granted.Permission, r.Assignment.AppRoleId, r.Assignment.Id, r.ViaGroup, r.NotIssued is null, r.NotIssued))],
            [.. holdings.Grants.Select(g => new EntraGrantJson(g.Resource, g.Grant.ResourceId, g.Grant.Scopes, g.Grant.Id, g.Grant.ConsentType, g.Users, g.NotIssued is null, g.NotIssued))]);
    }

    /// <summary>The principal's application permissions and delegated grants, as a summary line and a table.</summary>
    public static void WriteWhatCan(IAnsiConsole console, EntraDirectory directory, string principal)
    {
        var holdings = ApiPermissionHoldings.Of(directory, principal);
        var label = EntraNames.Label(principal, directory);
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"API permissions of [bold]{label}[/]: {holdings.AppRoles.Count(r => r.NotIssued is null)} application permission(s) held app-only, {holdings.Grants.Count(g => g.NotIssued is null)} delegated grant(s) (each only while a user it covers signs in, within that user's rights).");
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("Kind");
        table.AddColumn("Resource");
        table.AddColumn("Permissions");
        table.AddColumn("Granted by");
        table.AddColumn("Effective");
        foreach (var role in holdings.AppRoles)
        {
            table.AddRow(
                "application",
                VisibleText.ForConsole(role.Granted.Resource),
                VisibleText.ForConsole(role.Granted.Permission ?? $"app role {role.Assignment.AppRoleId}"),
                VisibleText.ForConsole($"app role assignment {role.Assignment.Id}" + (role.ViaGroup is null ? string.Empty : $" to group {role.ViaGroup}")),
                role.NotIssued is null ? "[green]app-only, tenant-wide[/]" : $"[yellow]no[/]: {VisibleText.ForConsole(role.NotIssued)}");
        }

        // For a user, the user signs in; for a client, whoever the grant covers.
        var signsIn = directory.FindUser(principal)?.UserPrincipalName;
        foreach (var grant in holdings.Grants)
        {
            var client = directory.FindServicePrincipal(grant.Grant.ClientId)?.DisplayName ?? grant.Grant.ClientId;
            table.AddRow(
                "delegated",
                VisibleText.ForConsole(grant.Resource),
                VisibleText.ForConsole(string.Join(" ", grant.Grant.Scopes)),
                VisibleText.ForConsole($"grant {grant.Grant.Id} ({grant.Grant.ConsentType}) to {client}"),
                grant.NotIssued is null ? $"[aqua]while {VisibleText.ForConsole(signsIn ?? (grant.Grant.IsForAllPrincipals ? "any user" : grant.Users))} signs in[/]" : $"[yellow]no[/]: {VisibleText.ForConsole(grant.NotIssued)}");
        }

        console.Write(table);
    }

    private static EntraDirectory? Directory(IAnsiConsole console, LoadedEstates estates) =>
        EntraNames.Directory(console, estates, "an API permission question needs service principals, app role assignments and delegated grants");

    private static ApiPermission? Permission(IAnsiConsole console, string action, string resource, EntraDirectory directory)
    {
        var permission = ApiPermissions.Resolve(directory, action, resource is "*" or "" ? null : resource, out var error);
        if (permission is null)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {error}.");
        }

        return permission;
    }

    /// <summary>
    /// An object id from what the user typed: an object id, an application id (its service principal), a user principal
    /// name, or a display name. An application registration stands for its service principal, which holds the permissions.
    /// </summary>
    private static string? Principal(IAnsiConsole console, string text, EntraDirectory directory, string role)
    {
        var found = Guid.TryParse(text, out _)
            ? new[] { ServicePrincipalOf(text, directory) ?? directory.FindServicePrincipalByAppId(text)?.Id ?? (directory.KindOf(text) is null ? null : text.ToLowerInvariant()) }.OfType<string>().ToList()
            : EntraNames.ByName(text, directory, application => ServicePrincipalOf(application, directory) ?? application);
        return EntraNames.One(console, text, role, found, "user principal name, display name, application id or object id");
    }

    private static string? ServicePrincipalOf(string objectId, EntraDirectory directory) =>
        directory.FindApplication(objectId) is { } application ? directory.FindServicePrincipalByAppId(application.AppId)?.Id : null;

}
