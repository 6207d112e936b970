namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-011</c>: iam:PutGroupPolicy.</summary>
public sealed class PutOwnGroupPolicyEdgeChecker() : IamEdgeChecker("iam-011", IamTargetKind.SelfUser, grantsAdmin: true, TechniqueStep.OnTargetGroups("iam:PutGroupPolicy"));
