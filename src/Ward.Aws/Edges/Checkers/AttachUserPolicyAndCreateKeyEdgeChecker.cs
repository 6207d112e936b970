namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-015</c>: iam:AttachUserPolicy + iam:CreateAccessKey.</summary>
public sealed class AttachUserPolicyAndCreateKeyEdgeChecker() : IamEdgeChecker("iam-015", IamTargetKind.OtherUsers, grantsAdmin: true, TechniqueStep.OnTarget("iam:AttachUserPolicy"), TechniqueStep.OnTarget("iam:CreateAccessKey"));
