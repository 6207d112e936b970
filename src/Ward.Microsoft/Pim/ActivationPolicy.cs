using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Pim;

/// <summary>
/// The end-user activation rules of a PIM role management policy (the rules whose ids end in <c>_EndUser_Assignment</c>):
/// whether an activation needs approval and by whom, and what the requester supplies itself (MFA, a justification,
/// ticket information, an authentication context).
/// </summary>
public sealed record ActivationPolicy
{
    public required string PolicyId { get; init; }

    public required bool RequiresApproval { get; init; }

    /// <summary>The approvers of each stage (one or two), when approval is required; escalation approvers included when escalation is on.</summary>
    public ImmutableArray<ImmutableArray<PolicyApprover>> ApprovalStages { get; init; } = [];

    /// <summary><c>MultiFactorAuthentication</c>, <c>Justification</c>, <c>Ticketing</c>, as the enablement rule lists them.</summary>
    public ImmutableArray<string> EnabledRules { get; init; } = [];

    /// <summary>The authentication context (<c>claimValue</c>) a Conditional Access policy checks at activation, when enabled.</summary>
    public string? AuthenticationContext { get; init; }

    /// <summary>How long an activation lasts at most (an ISO 8601 duration).</summary>
    public string? MaximumDuration { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
