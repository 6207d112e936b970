namespace Ward.Aws.Edges.Checkers;

/// <summary><c>cloudformation-003</c>: iam:PassRole to cloudformation.amazonaws.com with cloudformation:CreateStackSet, cloudformation:CreateStackInstances.</summary>
public sealed class PassRoleToCloudFormationStackSetEdgeChecker() : PassRoleToServiceEdgeChecker("cloudformation-003", "cloudformation.amazonaws.com", "cloudformation:CreateStackSet", "cloudformation:CreateStackInstances");
