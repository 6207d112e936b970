namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-020</c>: iam:CreatePolicyVersion + iam:UpdateAssumeRolePolicy.</summary>
public sealed class CreatePolicyVersionAndUpdateTrustEdgeChecker() : IamEdgeChecker("iam-020", IamTargetKind.OtherRoles, grantsAdmin: true, TechniqueStep.OnTargetPolicies("iam:CreatePolicyVersion"), TechniqueStep.OnTarget("iam:UpdateAssumeRolePolicy"));
