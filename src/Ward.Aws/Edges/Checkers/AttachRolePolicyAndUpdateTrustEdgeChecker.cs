namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-019</c>: iam:AttachRolePolicy + iam:UpdateAssumeRolePolicy.</summary>
public sealed class AttachRolePolicyAndUpdateTrustEdgeChecker() : IamEdgeChecker("iam-019", IamTargetKind.OtherRoles, grantsAdmin: true, TechniqueStep.OnTarget("iam:AttachRolePolicy"), TechniqueStep.OnTarget("iam:UpdateAssumeRolePolicy"));
