namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-009</c>: iam:AttachRolePolicy.</summary>
public sealed class AttachOwnRolePolicyEdgeChecker() : IamEdgeChecker("iam-009", IamTargetKind.SelfRole, grantsAdmin: true, TechniqueStep.OnTarget("iam:AttachRolePolicy"));
