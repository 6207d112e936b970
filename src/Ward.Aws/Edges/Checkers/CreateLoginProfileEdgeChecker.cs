namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-004</c>: iam:CreateLoginProfile.</summary>
public sealed class CreateLoginProfileEdgeChecker() : IamEdgeChecker("iam-004", IamTargetKind.OtherUsers, grantsAdmin: false, TechniqueStep.OnTarget("iam:CreateLoginProfile"));
