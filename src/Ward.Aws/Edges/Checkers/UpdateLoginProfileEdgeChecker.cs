namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-006</c>: iam:UpdateLoginProfile.</summary>
public sealed class UpdateLoginProfileEdgeChecker() : IamEdgeChecker("iam-006", IamTargetKind.OtherUsers, grantsAdmin: false, TechniqueStep.OnTarget("iam:UpdateLoginProfile"));
