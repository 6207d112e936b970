namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-002</c>: iam:CreateAccessKey.</summary>
public sealed class CreateAccessKeyEdgeChecker() : IamEdgeChecker("iam-002", IamTargetKind.OtherUsers, grantsAdmin: false, TechniqueStep.OnTarget("iam:CreateAccessKey"));
