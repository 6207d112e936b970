using System.Collections.Immutable;
using Ward.Aws.Estate;
using Ward.Core.Decisions;

namespace Ward.Aws.Edges;

/// <summary>
/// One change a member-account principal can make to the control policies that govern its account, with the
/// Organizations requests it takes (each decided by the evaluator) and what it does to the policies.
/// </summary>
/// <param name="Type">SCPs or RCPs.</param>
/// <param name="Description">What it does, as an edge describes it (<c>rewrites SCP Guardrails (p-guardrails)</c>).</param>
/// <param name="Steps">The requests, in order.</param>
internal sealed record ControlPolicyChange(ControlPolicyType Type, string Description, ImmutableArray<(string Action, string Resource, Decision Decision)> Steps)
{
    /// <summary>Policies whose content the principal replaces (everywhere they are attached).</summary>
    public ImmutableArray<string> Rewritten { get; init; } = [];

    /// <summary>Attachments the principal removes: a policy from one root, OU or account.</summary>
    public ImmutableArray<(string PolicyId, string Target)> Detached { get; init; } = [];

    /// <summary>The root, OU or account the principal first attaches the AWS-managed full-access policy to; null: none.</summary>
    public string? FullAccessAttachedTo { get; init; }

    /// <summary>Whether the evaluator allows every request (some perhaps only under conditions).</summary>
    public bool IsPossible => Steps.All(s => s.Decision.Kind is DecisionKind.Allowed or DecisionKind.Conditional);

    public bool IsConditional => Steps.Any(s => s.Decision.Kind == DecisionKind.Conditional);
}
