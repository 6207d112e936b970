namespace Ward.Aws.Edges.Checkers;

/// <summary><c>cloudformation-005</c>: cloudformation:CreateChangeSet, cloudformation:ExecuteChangeSet on an existing CloudFormation stack with a service role.</summary>
public sealed class CloudFormationChangeSetEdgeChecker() : ExistingServiceRoleEdgeChecker("cloudformation-005", "cloudformation.amazonaws.com", "CloudFormation stack with a service role", needsInstanceProfile: false, "cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet");
