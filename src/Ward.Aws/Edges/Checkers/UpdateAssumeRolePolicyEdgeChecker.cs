namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-012</c>: iam:UpdateAssumeRolePolicy.</summary>
public sealed class UpdateAssumeRolePolicyEdgeChecker() : IamEdgeChecker("iam-012", IamTargetKind.OtherRoles, grantsAdmin: false, TechniqueStep.OnTarget("iam:UpdateAssumeRolePolicy"));
