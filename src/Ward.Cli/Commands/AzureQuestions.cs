using System.Globalization;
using Spectre.Console;
using Ward.Cli.Output;
using Ward.Core.Decisions;
using Ward.Microsoft;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Queries;
using Ward.Microsoft.Azure.Rbac;
using Ward.Reporting;

namespace Ward.Cli.Commands;

/// <summary><c>ward can</c>, <c>who-can</c> and <c>what-can</c> on Azure RBAC, with group membership from the Entra ID export.</summary>
internal static class AzureQuestions
{
    /// <summary>Azure operations read <c>Namespace/resourceType/operation</c>; AWS actions <c>service:Action</c>.</summary>
    public static bool IsAzureOperation(string action) =>
        !action.Contains(':', StringComparison.Ordinal) && action.IndexOf('/', StringComparison.Ordinal) > 0;

    /// <summary>Whether a principal as typed names a Microsoft identity (an object id or application id, or a user principal name).</summary>
    public static bool LooksLikeMicrosoftPrincipal(string text) =>
        Guid.TryParse(text, out _) || (text.Contains('@', StringComparison.Ordinal) && !text.StartsWith("arn:", StringComparison.Ordinal));

    /// <param name="console">Where the answer goes.</param>
    /// <param name="messages">Where errors and warnings go: standard error when the answer is JSON, so that it parses.</param>
    /// <param name="settings">The question.</param>
    /// <param name="estates">The exports.</param>
    /// <param name="asOf">The reference time.</param>
    public static int Can(IAnsiConsole console, IAnsiConsole messages, CanSettings settings, LoadedEstates estates, DateTimeOffset asOf)
    {
        if (Prepare(messages, settings.Resource, estates) is not var (queries, scope) || scope is null)
        {
            return ExitCodes.UsageOrUnusableInput;
        }

        if (Resolve(messages, settings.Principal, estates, queries) is not { } principal
            || Request(messages, settings, principal, settings.Action, scope, queries, asOf) is not { } request)
        {
            return ExitCodes.UsageOrUnusableInput;
        }

        var answer = queries.Can(request);
        var shown = settings.Action + (request.ActionKind == AzureActionKind.Data ? " (data action)" : string.Empty);
        if (settings.Json)
        {
            var json = new CanJson(principal, settings.Action, scope.Value, DecisionJson.From(answer.Decision), answer.EligibleDecision is { } eligible ? DecisionJson.From(eligible) : null);
            CliJson.WriteAnswer(console.Profile.Out.Writer, json, estates);
        }
        else
        {
            DecisionRenderer.Render(console, Label(principal, estates, answer.PrincipalName), shown, scope.Value, answer.Decision);
            if (answer.EligibleDecision is { } eligible)
            {
                console.MarkupLineInterpolated($"With its PIM eligibilities activated: [{DecisionRenderer.Colour(eligible.Kind)} bold]{eligible.Kind}[/]: {eligible.Explanation.Summary}");
            }
        }

        return answer.Decision.Kind == DecisionKind.Indeterminate ? ExitCodes.UsageOrUnusableInput : ExitCodes.Ok;
    }

    public static int WhoCan(IAnsiConsole console, IAnsiConsole messages, WhoCanSettings settings, LoadedEstates estates, DateTimeOffset asOf)
    {
        if (Prepare(messages, settings.Resource, estates) is not var (queries, scope) || scope is null
            || Request(messages, settings, string.Empty, settings.Action, scope, queries, asOf) is not { } template)
        {
            return ExitCodes.UsageOrUnusableInput;
        }

        var answers = queries.WhoCan(template, settings.All)
            .OrderBy(a => a.Decision.Kind)
            .ThenBy(a => Label(a.PrincipalId, estates, a.PrincipalName), StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (settings.Json)
        {
            var json = new WhoCanJson(settings.Action, scope.Value, [.. answers.Select(a => new CanJson(a.PrincipalId, settings.Action, scope.Value, DecisionJson.From(a.Decision), a.EligibleDecision is { } e ? DecisionJson.From(e) : null))]);
            CliJson.WriteAnswer(console.Profile.Out.Writer, json, estates);
            return ExitCodes.Ok;
        }

        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Who can [bold]{settings.Action}[/]{(template.ActionKind == AzureActionKind.Data ? " (data action)" : string.Empty)} at [bold]{scope.Value}[/]: {answers.Count(a => a.Decision.IsAllowed)} allowed, {answers.Count(a => a.Decision.Kind == DecisionKind.Conditional)} conditionally, {answers.Count(a => a.IsAllowedOnlyIfActivated)} once a PIM eligibility is activated, {answers.Count(a => a.Decision.Kind == DecisionKind.Indeterminate)} indeterminate.");
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("Principal");
        table.AddColumn("Type");
        table.AddColumn("Decision");
        table.AddColumn("Why");
        foreach (var answer in answers)
        {
            var decision = $"[{DecisionRenderer.Colour(answer.Decision.Kind)}]{answer.Decision.Kind}[/]"
                + (answer.EligibleDecision is { } eligible ? $"\n[grey]if activated:[/] [{DecisionRenderer.Colour(eligible.Kind)}]{eligible.Kind}[/]" : string.Empty);
            var why = answer.IsAllowedOnlyIfActivated ? answer.EligibleDecision!.Explanation.Summary : answer.Decision.Explanation.Summary;
            table.AddRow(VisibleText.ForConsole(Label(answer.PrincipalId, estates, answer.PrincipalName)), VisibleText.ForConsole(TypeOf(answer.PrincipalId, estates, answer.PrincipalType)), decision, VisibleText.ForConsole(why));
        }

        console.Write(table);
        return ExitCodes.Ok;
    }

    public static int WhatCan(IAnsiConsole console, IAnsiConsole messages, WhatCanSettings settings, LoadedEstates estates)
    {
        // what-can lists roles and patterns and shows their conditions without deciding them: a context would change nothing.
        if (settings.Context.Length > 0)
        {
            messages.MarkupLine("[red]error:[/] --context applies to `can` and `who-can` on Azure operations; `what-can` lists conditions without deciding them.");
            return ExitCodes.UsageOrUnusableInput;
        }

        if (Prepare(messages, scopeText: null, estates) is not var (queries, _)
            || Resolve(messages, settings.Principal, estates, queries) is not { } principal)
        {
            return ExitCodes.UsageOrUnusableInput;
        }

        var access = queries.WhatCan(principal);
        var label = Label(principal, estates, access.PrincipalName);
        // A service principal or user of the Entra ID export holds API permissions besides its Azure roles.
        var directory = estates.HasEntra && ApiPermissionQuestions.HoldsApiPermissions(estates.Entra, principal) ? estates.Entra : null;
        if (settings.Json)
        {
            var json = new AzureWhatCanJson(principal, label, access.Groups, [.. access.Scopes.Select(s => new AzureScopeAccessJson(
                s.Scope.Value,
                [.. s.Grants.Select(g => new AzureGrantJson(g.RoleName, g.RoleDefinitionId, g.ViaGroupId, g.IsEligible, g.Condition, g.DefinitionMissing))],
                [.. s.Actions.Select(PatternJson)],
                [.. s.DataActions.Select(PatternJson)]))], [.. access.Denies.Select(d => new AzureDenyJson(d.DenyAssignmentName, d.Scope.Value))],
                directory is null ? null : ApiPermissionQuestions.WhatCanJson(directory, principal));
            CliJson.WriteAnswer(console.Profile.Out.Writer, json, estates);
            return ExitCodes.Ok;
        }

        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Azure roles of [bold]{label}[/]: {access.Scopes.Sum(s => s.Grants.Length)} role grant(s) at {access.Scopes.Length} scope(s), each reaching every scope below it{(access.Groups.IsEmpty ? string.Empty : $"; through {access.Groups.Length} group(s)")}.");
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("Scope");
        table.AddColumn("Roles");
        table.AddColumn("Actions");
        table.AddColumn("Data actions");
        foreach (var scope in access.Scopes)
        {
            var roles = string.Join("\n", scope.Grants.Select(g => VisibleText.ForConsole(g.RoleName)
                + (g.ViaGroupId is not null ? $" [grey]via {VisibleText.ForConsole(g.ViaGroupName ?? g.ViaGroupId)}[/]" : string.Empty)
                + (g.IsEligible ? " [aqua](eligible)[/]" : string.Empty)
                + (g.Condition is not null ? " [aqua](conditional)[/]" : string.Empty)
                + (g.DefinitionMissing ? " [fuchsia](definition missing)[/]" : string.Empty)));
            table.AddRow(VisibleText.ForConsole(scope.Scope.Value), roles, Patterns(scope.Actions, settings.Expand), Patterns(scope.DataActions, settings.Expand));
        }

        console.Write(table);
        foreach (var deny in access.Denies)
        {
            console.MarkupLineInterpolated($"[red]Deny assignment[/] {deny.DenyAssignmentName} at {deny.Scope.Value}");
        }

        if (directory is not null)
        {
            ApiPermissionQuestions.WriteWhatCan(console, directory, principal);
        }

        return ExitCodes.Ok;
    }

    /// <summary>The queries over the Azure estate (groups from the Entra ID export), and the scope when one is asked about.</summary>
    private static (AzureAccessQueries Queries, AzureScope? Scope)? Prepare(IAnsiConsole console, string? scopeText, LoadedEstates estates)
    {
        if (!estates.HasAzure)
        {
            console.MarkupLine("[red]error:[/] no Azure RBAC export was read: an Azure question needs role assignments and role definitions (`scripts/export-azure.sh`, docs/formats/azure.md).");
            return null;
        }

        if (!estates.HasEntra && estates.Azure.RoleAssignments.Any(a => string.Equals(a.PrincipalType, "Group", StringComparison.OrdinalIgnoreCase)))
        {
            console.MarkupLine("[yellow]warning:[/] no Entra ID export was read, so group memberships are unknown: roles assigned to groups are not counted for their members (add the export of `scripts/export-entra.sh`).");
        }

        var queries = new AzureAccessQueries(estates.Azure, estates.HasEntra ? new DirectoryGroupMembership(estates.Entra) : null);
        if (scopeText is null)
        {
            return (queries, null);
        }

        if (scopeText == "*")
        {
            console.MarkupLine("[red]error:[/] give the Azure scope to decide at, e.g. `/subscriptions/<id>/resourceGroups/<name>` (`/` for the tenant root).");
            return null;
        }

        if (!AzureScope.TryParse(scopeText, out var scope, out var problem))
        {
            console.MarkupLineInterpolated($"[red]error:[/] `{scopeText}` is not an Azure scope: {problem}");
            return null;
        }

        return (queries, scope);
    }

    private static AzureRequest? Request(IAnsiConsole console, RequestSettings settings, string principal, string action, AzureScope scope, AzureAccessQueries queries, DateTimeOffset asOf)
    {
        var request = new AzureRequest
        {
            PrincipalId = principal,
            Action = action,
            Scope = scope,
            ActionKind = settings.DataAction ? AzureActionKind.Data : queries.InferActionKind(action),
            AsOf = asOf,
        };
        if (settings.AssignedRole is { } role)
        {
            var definitions = queries.Estate.FindRoleDefinition(role) is { } byId ? [byId] : queries.Estate.FindRoleDefinitionsByName(role);
            if (definitions.Length != 1)
            {
                console.MarkupLineInterpolated($"[red]error:[/] --assigned-role `{role}` {(definitions.Length == 0 ? "is not a role definition of the exports (give its name or GUID)" : "names several role definitions; give the GUID")}.");
                return null;
            }

            request = request.WithRoleDefinitionInRequest(definitions[0].Name);
        }

        return WithContextAttributes(console, settings, request);
    }

    /// <summary>
    /// The request with the <c>--context</c> values as the ABAC attributes Azure conditions test, keyed as conditions write
    /// them (<c>@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name]=logs</c>). A key that is no such
    /// attribute (an AWS context key, say) would change nothing, and a value that contradicts the scope or
    /// <c>--assigned-role</c> would answer another question: both are errors rather than ignored.
    /// </summary>
    private static AzureRequest? WithContextAttributes(IAnsiConsole console, RequestSettings settings, AzureRequest request)
    {
        var derived = ScopeAttributes.Complete(request).Attributes;
        foreach (var (key, value) in settings.ContextValues())
        {
            if (!IsConditionAttribute(key))
            {
                console.MarkupLineInterpolated($"[red]error:[/] --context `{key}` is not an attribute Azure conditions test: for an Azure operation, give one as conditions write it, `@Resource[[…]]`, `@Request[[…]]`, `@Principal[[…]]` or `@Environment[[…]]` (e.g. `@Resource[[Microsoft.Storage/storageAccounts/blobServices/containers:name]]=logs`).");
                return null;
            }

            var attribute = key.Replace(" ", string.Empty, StringComparison.Ordinal);
            if (derived.TryGetValue(attribute, out var known))
            {
                if (known.SequenceEqual(value.Values, StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                var from = ScopeAttributes.Of(request.Scope).ContainsKey(attribute) ? $"the scope `{request.Scope.Value}`" : "--assigned-role";
                console.MarkupLineInterpolated($"[red]error:[/] --context sets `{attribute}` to `{string.Join(", ", value.Values)}`, but {from} makes it `{string.Join(", ", known)}`.");
                return null;
            }

            request = request.WithAttribute(attribute, [.. value.Values]);
        }

        return request;
    }

    /// <summary>The attribute sources of Azure conditions (condition format, "Attributes").</summary>
    private static readonly string[] AttributeSources = ["@Resource[", "@Request[", "@Principal[", "@Environment["];

    private static bool IsConditionAttribute(string key) =>
        key.EndsWith(']') && AttributeSources.Any(source => key.StartsWith(source, StringComparison.OrdinalIgnoreCase) && key.Length > source.Length + 1);

    /// <summary>An object id from what the user typed: an id, a user principal name or application id of the Entra export, or the name an assignment gives.</summary>
    private static string? Resolve(IAnsiConsole console, string text, LoadedEstates estates, AzureAccessQueries queries)
    {
        if (!Guid.TryParse(text, out _) && estates.HasEntra)
        {
            var entra = estates.Entra;
            var matches = entra.Users.Where(u => string.Equals(u.UserPrincipalName, text, StringComparison.OrdinalIgnoreCase)).Select(u => u.Id)
                .Concat(entra.ServicePrincipals.Where(s => string.Equals(s.DisplayName, text, StringComparison.OrdinalIgnoreCase)).Select(s => s.Id))
                .Concat(entra.Groups.Where(g => string.Equals(g.DisplayName, text, StringComparison.OrdinalIgnoreCase)).Select(g => g.Id))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (matches.Count > 1)
            {
                console.MarkupLineInterpolated($"[red]error:[/] `{text}` names several principals ({string.Join(", ", matches)}); give the object id.");
                return null;
            }

            if (matches.Count == 1)
            {
                return matches[0];
            }
        }

        if (Guid.TryParse(text, out _) && estates.Entra.FindServicePrincipalByAppId(text.ToLowerInvariant()) is { } byAppId)
        {
            return byAppId.Id;
        }

        var principal = queries.FindPrincipal(text, out var problem);
        if (principal is null)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {problem}");
            return null;
        }

        if (problem is not null && estates.Entra.KindOf(principal) is null)
        {
            console.MarkupLineInterpolated($"[yellow]warning:[/] {problem}");
        }

        return principal;
    }

    private static string Label(string id, LoadedEstates estates, string? exportedName)
    {
        var entra = estates.Entra;
        var name = entra.FindUser(id)?.UserPrincipalName ?? entra.FindServicePrincipal(id)?.DisplayName ?? entra.FindGroup(id)?.DisplayName
            ?? (string.IsNullOrEmpty(exportedName) ? null : exportedName);
        return name is null ? id : $"{name} ({id})";
    }

    private static string TypeOf(string id, LoadedEstates estates, string? exportedType) =>
        estates.Entra.KindOf(id)?.ToString() ?? exportedType ?? "unknown";

    private static string Patterns(IEnumerable<AzureEffectivePattern> patterns, bool expand)
    {
        var list = patterns.ToList();
        var shown = expand ? list : list.Take(6).ToList();
        var text = string.Join("\n", shown.Select(p => VisibleText.ForConsole(p.Pattern)
            + (p.Except.IsEmpty ? string.Empty : $" [grey]except {VisibleText.ForConsole(string.Join(", ", p.Except))}[/]")
            + (p.OnlyConditionally ? " [aqua](conditional)[/]" : string.Empty)));
        return list.Count > shown.Count ? $"{text}\n[grey]... {list.Count - shown.Count} more (--expand)[/]" : list.Count == 0 ? "[grey]-[/]" : text;
    }

    private static AzurePatternJson PatternJson(AzureEffectivePattern pattern) => new(pattern.Pattern, pattern.Except, pattern.GrantedBy, pattern.OnlyConditionally);
}
