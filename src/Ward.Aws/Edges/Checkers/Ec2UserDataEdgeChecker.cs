namespace Ward.Aws.Edges.Checkers;

/// <summary><c>ec2-002</c>: ec2:ModifyInstanceAttribute, ec2:StopInstances, ec2:StartInstances on an existing EC2 instance with an instance profile.</summary>
public sealed class Ec2UserDataEdgeChecker() : ExistingServiceRoleEdgeChecker("ec2-002", "ec2.amazonaws.com", "EC2 instance with an instance profile", needsInstanceProfile: true, "ec2:ModifyInstanceAttribute", "ec2:StopInstances", "ec2:StartInstances");
