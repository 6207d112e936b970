namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-001</c>: iam:CreatePolicyVersion.</summary>
public sealed class CreatePolicyVersionOnOwnPolicyEdgeChecker() : IamEdgeChecker("iam-001", IamTargetKind.Self, grantsAdmin: true, TechniqueStep.OnTargetPolicies("iam:CreatePolicyVersion"));
