namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-013</c>: iam:AddUserToGroup.</summary>
public sealed class AddUserToGroupEdgeChecker() : IamEdgeChecker("iam-013", IamTargetKind.Groups, grantsAdmin: false, TechniqueStep.OnTarget("iam:AddUserToGroup"));
