namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-014</c>: iam:AttachRolePolicy + sts:AssumeRole.</summary>
public sealed class AttachRolePolicyAndAssumeEdgeChecker() : IamEdgeChecker("iam-014", IamTargetKind.OtherRoles, grantsAdmin: true, TechniqueStep.OnTarget("iam:AttachRolePolicy"), TechniqueStep.OnTarget("sts:AssumeRole"));
