namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-007</c>: iam:PutUserPolicy.</summary>
public sealed class PutOwnUserPolicyEdgeChecker() : IamEdgeChecker("iam-007", IamTargetKind.SelfUser, grantsAdmin: true, TechniqueStep.OnTarget("iam:PutUserPolicy"));
