namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-003</c>: iam:CreateAccessKey + iam:DeleteAccessKey.</summary>
public sealed class ReplaceAccessKeyEdgeChecker() : IamEdgeChecker("iam-003", IamTargetKind.OtherUsers, grantsAdmin: false, TechniqueStep.OnTarget("iam:CreateAccessKey"), TechniqueStep.OnTarget("iam:DeleteAccessKey"));
