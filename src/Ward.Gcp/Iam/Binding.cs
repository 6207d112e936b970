using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>One binding of an IAM policy: a role granted to principals, optionally under a condition.</summary>
public sealed record Binding
{
    /// <summary>The role as written: <c>roles/viewer</c>, <c>organizations/123/roles/auditor</c>, <c>projects/p/roles/deployer</c>.</summary>
    public required string Role { get; init; }

    public required ImmutableArray<Member> Members { get; init; }

    public BindingCondition? Condition { get; init; }

    /// <summary>
    /// The Privileged Access Manager entitlement whose grant this binding stands for, when the escalation graph counts
    /// what eligible principals can request (<see cref="Policy.Evaluation.PamRequests"/>); null for a binding of the export.
    /// </summary>
    public PamEntitlement? Entitlement { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
