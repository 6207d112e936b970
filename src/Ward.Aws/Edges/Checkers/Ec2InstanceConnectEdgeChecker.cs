namespace Ward.Aws.Edges.Checkers;

/// <summary><c>ec2instanceconnect-003</c>: ec2-instance-connect:SendSSHPublicKey, ec2:DescribeInstances on an existing EC2 instance with an instance profile.</summary>
public sealed class Ec2InstanceConnectEdgeChecker() : ExistingServiceRoleEdgeChecker("ec2instanceconnect-003", "ec2.amazonaws.com", "EC2 instance with an instance profile", needsInstanceProfile: true, "ec2-instance-connect:SendSSHPublicKey", "ec2:DescribeInstances");
