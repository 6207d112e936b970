namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-008</c>: iam:AttachUserPolicy.</summary>
public sealed class AttachOwnUserPolicyEdgeChecker() : IamEdgeChecker("iam-008", IamTargetKind.SelfUser, grantsAdmin: true, TechniqueStep.OnTarget("iam:AttachUserPolicy"));
