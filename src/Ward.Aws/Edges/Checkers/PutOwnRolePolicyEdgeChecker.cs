namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-005</c>: iam:PutRolePolicy.</summary>
public sealed class PutOwnRolePolicyEdgeChecker() : IamEdgeChecker("iam-005", IamTargetKind.SelfRole, grantsAdmin: true, TechniqueStep.OnTarget("iam:PutRolePolicy"));
