namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-016</c>: iam:CreatePolicyVersion + sts:AssumeRole.</summary>
public sealed class CreatePolicyVersionAndAssumeEdgeChecker() : IamEdgeChecker("iam-016", IamTargetKind.OtherRoles, grantsAdmin: true, TechniqueStep.OnTargetPolicies("iam:CreatePolicyVersion"), TechniqueStep.OnTarget("sts:AssumeRole"));
