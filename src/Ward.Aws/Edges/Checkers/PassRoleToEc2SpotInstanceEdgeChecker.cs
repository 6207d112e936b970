namespace Ward.Aws.Edges.Checkers;

/// <summary><c>ec2-003</c>: iam:PassRole to ec2.amazonaws.com with ec2:RequestSpotInstances.</summary>
public sealed class PassRoleToEc2SpotInstanceEdgeChecker() : PassRoleToServiceEdgeChecker("ec2-003", "ec2.amazonaws.com", "ec2:RequestSpotInstances");
