namespace Ward.Aws.Edges.Checkers;

/// <summary><c>cloudformation-004</c>: iam:PassRole to cloudformation.amazonaws.com with cloudformation:UpdateStackSet.</summary>
public sealed class PassRoleToUpdatedCloudFormationStackSetEdgeChecker() : PassRoleToServiceEdgeChecker("cloudformation-004", "cloudformation.amazonaws.com", "cloudformation:UpdateStackSet")
{
    protected override string? ExistingResource => "a CloudFormation stack set with a stack instance exists for the principal to update (resources are not in the IAM export)";
}
