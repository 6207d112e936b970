namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-017</c>: iam:PutRolePolicy + sts:AssumeRole.</summary>
public sealed class PutRolePolicyAndAssumeEdgeChecker() : IamEdgeChecker("iam-017", IamTargetKind.OtherRoles, grantsAdmin: true, TechniqueStep.OnTarget("iam:PutRolePolicy"), TechniqueStep.OnTarget("sts:AssumeRole"));
