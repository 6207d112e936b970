using Ward.Core.Decisions;

namespace Ward.Cli.Output;

/// <summary>The JSON shape of a decision (docs/cli.md).</summary>
public sealed record DecisionJson(
    string Decision,
    string Summary,
    IReadOnlyList<string>? Requirements,
    string? Otherwise,
    string? Reason,
    IReadOnlyList<LayerJson> Layers)
{
    public static DecisionJson From(Decision decision) => new(
        decision.Kind.ToString(),
        decision.Explanation.Summary,
        decision is Conditional c ? c.Requirements : null,
        decision is Conditional o ? o.Otherwise.ToString() : null,
        decision is Indeterminate i ? i.Reason : null,
        [.. decision.Explanation.Layers.Select(l => new LayerJson(
            l.Layer,
            l.Scope,
            l.Outcome.ToString(),
            l.Decisive,
            [.. l.Statements.Select(s => new StatementJson(s.Policy, s.Statement, s.Effect.ToString(), s.Conditions, s.Undecided))]))]);
}

public sealed record LayerJson(string Layer, string? Scope, string Outcome, bool Decisive, IReadOnlyList<StatementJson> Statements);

public sealed record StatementJson(string Policy, string Statement, string Effect, IReadOnlyList<string> Conditions, bool Undecided);

/// <summary>One decision; for Azure, <c>IfActivated</c> is the decision with the principal's PIM eligibilities activated, when it differs.</summary>
public sealed record CanJson(string Principal, string Action, string Resource, DecisionJson Result, DecisionJson? IfActivated = null);

public sealed record WhoCanJson(string Action, string Resource, IReadOnlyList<CanJson> Principals);

public sealed record WhatCanJson(string Principal, IReadOnlyList<ServicePermissionsJson> Services);

public sealed record ServicePermissionsJson(string Service, IReadOnlyDictionary<string, int> ActionsByAccessLevel, IReadOnlyList<ActionPermissionJson> Actions);

public sealed record ActionPermissionJson(string Action, string AccessLevel, IReadOnlyList<string> Resources, IReadOnlyList<string> ConditionalResources);

/// <summary>What reading the inputs left out (each file with why) and how many input errors and warnings it found: every answer in JSON says it, as the text form does on standard error.</summary>
public sealed record InputsJson(IReadOnlyList<SkippedInputJson> Skipped, int Errors, int Warnings)
{
    public static InputsJson None { get; } = new([], 0, 0);
}

public sealed record SkippedInputJson(string Path, string Reason);
