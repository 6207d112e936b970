namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-021</c>: iam:PutRolePolicy + iam:UpdateAssumeRolePolicy.</summary>
public sealed class PutRolePolicyAndUpdateTrustEdgeChecker() : IamEdgeChecker("iam-021", IamTargetKind.OtherRoles, grantsAdmin: true, TechniqueStep.OnTarget("iam:PutRolePolicy"), TechniqueStep.OnTarget("iam:UpdateAssumeRolePolicy"));
