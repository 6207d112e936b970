namespace Ward.Aws.Edges.Checkers;

/// <summary><c>cloudformation-001</c>: iam:PassRole to cloudformation.amazonaws.com with cloudformation:CreateStack.</summary>
public sealed class PassRoleToCloudFormationStackEdgeChecker() : PassRoleToServiceEdgeChecker("cloudformation-001", "cloudformation.amazonaws.com", "cloudformation:CreateStack");
