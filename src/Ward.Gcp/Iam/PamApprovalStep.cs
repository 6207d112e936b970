using System.Collections.Immutable;

namespace Ward.Gcp.Iam;

/// <summary>One step of a Privileged Access Manager entitlement's manual approval: how many of its approvers must approve.</summary>
public sealed record PamApprovalStep(ImmutableArray<Member> Approvers, int ApprovalsNeeded);
