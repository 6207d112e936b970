namespace Ward.Aws.Edges.Checkers;

/// <summary><c>ec2-001</c>: iam:PassRole to ec2.amazonaws.com with ec2:RunInstances.</summary>
public sealed class PassRoleToEc2InstanceEdgeChecker() : PassRoleToServiceEdgeChecker("ec2-001", "ec2.amazonaws.com", "ec2:RunInstances");
