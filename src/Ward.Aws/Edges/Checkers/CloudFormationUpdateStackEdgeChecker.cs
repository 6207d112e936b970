namespace Ward.Aws.Edges.Checkers;

/// <summary><c>cloudformation-002</c>: cloudformation:UpdateStack on an existing CloudFormation stack with a service role.</summary>
public sealed class CloudFormationUpdateStackEdgeChecker() : ExistingServiceRoleEdgeChecker("cloudformation-002", "cloudformation.amazonaws.com", "CloudFormation stack with a service role", needsInstanceProfile: false, "cloudformation:UpdateStack");
