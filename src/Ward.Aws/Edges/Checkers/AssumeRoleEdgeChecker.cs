namespace Ward.Aws.Edges.Checkers;

/// <summary><c>sts-001</c>: sts:AssumeRole.</summary>
public sealed class AssumeRoleEdgeChecker() : IamEdgeChecker("sts-001", IamTargetKind.OtherRoles, grantsAdmin: false, TechniqueStep.OnTarget("sts:AssumeRole"));
