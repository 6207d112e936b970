namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-010</c>: iam:AttachGroupPolicy.</summary>
public sealed class AttachOwnGroupPolicyEdgeChecker() : IamEdgeChecker("iam-010", IamTargetKind.SelfUser, grantsAdmin: true, TechniqueStep.OnTargetGroups("iam:AttachGroupPolicy"));
