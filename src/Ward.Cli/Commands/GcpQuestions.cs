using System.Globalization;
using Spectre.Console;
using Ward.Cli.Output;
using Ward.Core.Decisions;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Evaluation;
using Ward.Reporting;

namespace Ward.Cli.Commands;

/// <summary>
/// <c>ward can</c> and <c>who-can</c> on Google Cloud IAM allow policies (docs/gcp/evaluation.md): a permission
/// (<c>storage.objects.get</c>) on a resource (<c>projects/ID</c>, <c>//storage.googleapis.com/projects/_/buckets/NAME</c>)
/// for a principal as a policy names it (<c>user:alice@example.com</c>).
/// </summary>
internal static class GcpQuestions
{
    /// <summary>IAM permissions read <c>service.resource.verb</c>: dotted words, with neither AWS's <c>:</c> nor Azure's <c>/</c>.</summary>
    public static bool IsGcpPermission(string action)
    {
        var parts = action.Split('.');
        return parts.Length >= 3 && parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')) && char.IsAsciiLetterLower(action[0]);
    }

    /// <summary>
    /// Decides one request. With <c>--format json</c>, errors and warnings go to <paramref name="standardOutput"/>'s
    /// messages (standard error), so that standard output holds the answer alone (as for <c>who-can</c>, <c>what-can</c>).
    /// </summary>
    public static int Can(IAnsiConsole console, StandardOutput standardOutput, CanSettings settings, LoadedEstates estates, DateTimeOffset asOf)
    {
        var messages = settings.Json ? standardOutput.Messages : console;
        if (Estate(messages, estates) is not { } estate)
        {
            return ExitCodes.UsageOrUnusableInput;
        }

        var authorizer = new GcpAuthorizer(estate);
        if (Resource(messages, estate, settings.Resource) is not { } resource || Principal(messages, authorizer, settings.Principal) is not { } principal)
        {
            return ExitCodes.UsageOrUnusableInput;
        }

        WarnIfUnknownPermission(messages, estate, settings.Action);
        var decision = authorizer.Authorize(new GcpRequest { Principal = principal, Permission = settings.Action, Resource = resource, AsOf = asOf });
        if (settings.Json)
        {
            var json = new CanJson(principal.Text, settings.Action, resource.Name, DecisionJson.From(decision));
            CliJson.WriteAnswer(console.Profile.Out.Writer, json, estates);
        }
        else
        {
            DecisionRenderer.Render(console, principal.Text, settings.Action, resource.Name, decision);
        }

        return decision.Kind == DecisionKind.Indeterminate ? ExitCodes.UsageOrUnusableInput : ExitCodes.Ok;
    }

    /// <summary>
    /// Warns when no role of the export includes the permission, predefined roles having been exported: a misspelled
    /// permission would otherwise get a confident "not allowed". Without the predefined roles, Ward cannot tell.
    /// </summary>
    private static void WarnIfUnknownPermission(IAnsiConsole messages, GcpEstate estate, string permission)
    {
        if (estate.Roles.Any(r => r.Kind == RoleKind.Predefined && r.PermissionsKnown)
            && !estate.Roles.Any(r => r.IncludedPermissions.Contains(permission, StringComparer.Ordinal)))
        {
            messages.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[yellow]warning:[/] no role of the export includes `{permission}`: a misspelling? The answer below takes it as written.");
        }
    }

    public static int WhoCan(IAnsiConsole console, StandardOutput standardOutput, WhoCanSettings settings, LoadedEstates estates, DateTimeOffset asOf)
    {
        var messages = settings.Json ? standardOutput.Messages : console;
        if (Estate(messages, estates) is not { } estate || Resource(messages, estate, settings.Resource) is not { } resource)
        {
            return ExitCodes.UsageOrUnusableInput;
        }

        WarnIfUnknownPermission(messages, estate, settings.Action);
        var authorizer = new GcpAuthorizer(estate);
        var answers = authorizer.WhoCan(settings.Action, resource, asOf, settings.All)
            .OrderBy(a => a.Decision.Kind)
            .ThenBy(a => a.Principal.Text, StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (settings.Json)
        {
            var json = new WhoCanJson(settings.Action, resource.Name, [.. answers.Select(a => new CanJson(a.Principal.Text, settings.Action, resource.Name, DecisionJson.From(a.Decision)))]);
            CliJson.WriteAnswer(console.Profile.Out.Writer, json, estates);
            return ExitCodes.Ok;
        }

        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Who can [bold]{settings.Action}[/] on [bold]{resource.Name}[/]: {answers.Count(a => a.Decision.IsAllowed)} allowed, {answers.Count(a => a.Decision.Kind == DecisionKind.Conditional)} conditionally, {answers.Count(a => a.Decision.Kind == DecisionKind.Indeterminate)} indeterminate.");
        console.MarkupLine("[grey]Groups, domains and principal sets are listed for themselves; the members of groups whose memberships were exported are listed too. " + VisibleText.ForConsole(authorizer.Note) + "[/]");
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("Principal");
        table.AddColumn("Decision");
        table.AddColumn("Why");
        foreach (var answer in answers)
        {
            table.AddRow(
                VisibleText.ForConsole(answer.Principal.Text),
                $"[{DecisionRenderer.Colour(answer.Decision.Kind)}]{answer.Decision.Kind}[/]",
                // The header says once what every summary ends with.
                VisibleText.ForConsole(answer.Decision.Explanation.Summary.Replace(" " + authorizer.Note, string.Empty, StringComparison.Ordinal)));
        }

        console.Write(table);
        return ExitCodes.Ok;
    }

    /// <summary>Whether a principal is written as Google Cloud policies name one (<c>user:</c>, <c>serviceAccount:</c>, <c>principal://</c>…).</summary>
    public static bool LooksLikeGcpPrincipal(string text) => Member.Parse(text.Trim()).Kind != MemberKind.Unknown;

    public static int WhatCan(IAnsiConsole console, StandardOutput standardOutput, WhatCanSettings settings, LoadedEstates estates, DateTimeOffset asOf)
    {
        var messages = settings.Json ? standardOutput.Messages : console;
        if (Estate(messages, estates) is not { } estate)
        {
            return ExitCodes.UsageOrUnusableInput;
        }

        var authorizer = new GcpAuthorizer(estate);
        if (Principal(messages, authorizer, settings.Principal) is not { } principal)
        {
            return ExitCodes.UsageOrUnusableInput;
        }

        var grants = authorizer.WhatCan(principal, asOf);
        if (settings.Json)
        {
            var json = new GcpWhatCanJson(principal.Text, authorizer.Note, [.. grants.Select(g => new GcpGrantJson(g.Resource, g.Role, g.Member, g.How, g.Requirement, g.Problem, g.Permissions.Length, settings.Expand ? g.Permissions : [], [.. g.Denials.Select(d => new GcpDenialJson(d.Permission, d.DenyPolicy, d.Rule, d.OnlyBelow, d.Requirement))], [.. g.Blocks.Select(b => new GcpBoundaryBlockJson(b.Permission, b.Requirement))]))]);
            CliJson.WriteAnswer(console.Profile.Out.Writer, json, estates);
            return ExitCodes.Ok;
        }

        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Bindings that include [bold]{principal.Text}[/]: {grants.Count(g => g.Grants)} grant for certain, {grants.Count(g => g.Requirement is not null && g.Problem is null)} only if something holds, {grants.Count(g => g.Problem is not null)} grant nothing known. Each applies to its resource and everything below it.");
        console.MarkupLine("[grey]Deny policies, when exported, are applied: \"Denied\" counts the role's permissions a deny rule refuses the principal (\"below\": only on a container under the binding's resource; \"if\": only if something holds). \"Blocked\" counts those a principal access boundary blocks on the binding's resource (resources below it the boundary makes eligible are not blocked). " + VisibleText.ForConsole(authorizer.Note) + "[/]");
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("Resource");
        table.AddColumn("Role");
        table.AddColumn(new TableColumn("Permissions").RightAligned());
        table.AddColumn("Through");
        table.AddColumn("Only if / problem");
        table.AddColumn(new TableColumn("Denied").RightAligned());
        table.AddColumn(new TableColumn("Blocked").RightAligned());
        foreach (var grant in grants)
        {
            table.AddRow(
                VisibleText.ForConsole(ResourceNames.ContainerKind(grant.Resource) is null ? grant.Resource : ResourceNames.Relative(grant.Resource)),
                VisibleText.ForConsole(grant.Role),
                grant.Permissions.Length.ToString(CultureInfo.InvariantCulture),
                VisibleText.ForConsole(grant.How ?? grant.Member),
                grant.Problem is { } problem ? $"[red]{VisibleText.ForConsole(problem)}[/]" : VisibleText.ForConsole(grant.Requirement ?? string.Empty),
                VisibleText.ForConsole(DeniedCount(grant)),
                VisibleText.ForConsole(BlockedCount(grant)));
        }

        console.Write(table);
        if (settings.Expand)
        {
            foreach (var grant in grants.Where(g => !g.Permissions.IsEmpty))
            {
                console.MarkupLineInterpolated($"  {grant.Role} on {grant.Resource}: {string.Join(", ", grant.Permissions)}");
                foreach (var denial in grant.Denials)
                {
                    console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"    denied {denial.Permission}: rule {denial.Rule} of {denial.DenyPolicy}{(denial.OnlyBelow is { } below ? $", on {below} and below" : string.Empty)}{(denial.Requirement is { } only ? $", if {only}" : string.Empty)}");
                }

                foreach (var block in grant.Blocks)
                {
                    console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"    blocked {block.Permission} by a principal access boundary{(block.Requirement is { } unless ? $", unless {unless}" : string.Empty)}");
                }
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>How many of the grant's permissions a principal access boundary blocks: for certain, or unless something holds.</summary>
    private static string BlockedCount(GcpGrant grant)
    {
        var certain = grant.Blocks.Count(b => b.Requirement is null);
        var conditional = grant.Blocks.Length - certain;
        return string.Join(", ", new[] { certain > 0 ? $"{certain}" : null, conditional > 0 ? $"{conditional} unless" : null }.OfType<string>());
    }

    /// <summary>How many of the grant's permissions deny rules refuse: everywhere, only below, only if something holds.</summary>
    private static string DeniedCount(GcpGrant grant)
    {
        if (grant.Denials.IsEmpty)
        {
            return string.Empty;
        }

        var certain = grant.Denials.Where(d => d.OnlyBelow is null && d.Requirement is null).Select(d => d.Permission).Distinct(StringComparer.Ordinal).Count();
        var below = grant.Denials.Where(d => d.OnlyBelow is not null).Select(d => d.Permission).Distinct(StringComparer.Ordinal).Count();
        var conditional = grant.Denials.Where(d => d.OnlyBelow is null && d.Requirement is not null).Select(d => d.Permission).Distinct(StringComparer.Ordinal).Count();
        return string.Join(", ", new[] { certain > 0 ? $"{certain}" : null, below > 0 ? $"{below} below" : null, conditional > 0 ? $"{conditional} if" : null }.OfType<string>());
    }

    private static GcpEstate? Estate(IAnsiConsole console, LoadedEstates estates)
    {
        if (estates.HasGcp && !estates.Gcp.Policies.IsEmpty)
        {
            return estates.Gcp;
        }

        console.MarkupLine("[red]error:[/] no Google Cloud allow policy was read: a Google Cloud question needs the IAM policies and the roles (`scripts/export-gcp.sh`, docs/formats/gcp.md).");
        return null;
    }

    private static GcpResource? Resource(IAnsiConsole console, GcpEstate estate, string text)
    {
        if (text == "*")
        {
            console.MarkupLine("[red]error:[/] give the Google Cloud resource to decide on: `projects/ID`, `folders/ID`, `organizations/ID` or a full resource name such as `//storage.googleapis.com/projects/_/buckets/NAME`.");
            return null;
        }

        var resource = ResourceLocator.Locate(estate, text, out var problem);
        if (resource is null)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {problem}.");
        }

        return resource;
    }

    /// <summary>The principal as a policy names it; a service account may be given by unique id.</summary>
    private static Member? Principal(IAnsiConsole console, GcpAuthorizer authorizer, string text)
    {
        var estate = authorizer.Estate;
        var principal = Member.Parse(text.Trim());
        if (principal.Kind == MemberKind.Unknown)
        {
            console.MarkupLineInterpolated($"[red]error:[/] `{text}` is not a Google Cloud principal: write it as a policy names it, `user:EMAIL`, `serviceAccount:EMAIL`, `group:EMAIL`, `domain:DOMAIN`, `principal://…`, `principalSet://…`, `allUsers` or `allAuthenticatedUsers`.");
            return null;
        }

        if (principal.IsDeleted)
        {
            console.MarkupLineInterpolated($"[red]error:[/] `{text}` is a deleted principal, which no binding grants anything; ask about a live one.");
            return null;
        }

        if (principal.Kind == MemberKind.ServiceAccount && !principal.Id.Contains('@', StringComparison.Ordinal) && estate.FindServiceAccount(principal.Id) is { } byId)
        {
            principal = Member.Parse("serviceAccount:" + byId.Email);
        }

        var named = estate.Policies.Any(p => p.Bindings.Any(b => b.Members.Contains(principal)))
            || (principal.Kind == MemberKind.ServiceAccount && estate.FindServiceAccount(principal.Id) is not null)
            || (principal.Kind == MemberKind.Group && estate.FindGroup(principal.Id) is not null)
            || estate.GroupMemberships.Any(m => m.IsMember(principal));
        // The accounts of a domain and the identities of a pool are bound as a set, never one by one: not naming them is no sign of a typo.
        if (!named && principal.Kind is not (MemberKind.AllUsers or MemberKind.AllAuthenticatedUsers) && !authorizer.SetsThatMayInclude(principal).Any())
        {
            console.MarkupLineInterpolated($"[yellow]warning:[/] `{principal.Text}` is named in no binding or group membership of the export, nor is it in a domain or principal set a binding names (a typo?); only bindings to everyone (`allUsers`, `allAuthenticatedUsers`) or to groups whose memberships were not exported can include it.");
        }

        return principal;
    }
}
