namespace Ward.Microsoft.Pim;

/// <summary>An approver of a PIM approval stage: a user, a group, or another user set, with the description the policy gives it.</summary>
public sealed record PolicyApprover(ApproverKind Kind, string? Id, string? Description);
