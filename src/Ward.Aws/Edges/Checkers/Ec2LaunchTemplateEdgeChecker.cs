namespace Ward.Aws.Edges.Checkers;

/// <summary><c>ec2-004</c>: ec2:CreateLaunchTemplateVersion, ec2:ModifyLaunchTemplate on an existing launch template with an instance profile.</summary>
public sealed class Ec2LaunchTemplateEdgeChecker() : ExistingServiceRoleEdgeChecker("ec2-004", "ec2.amazonaws.com", "launch template with an instance profile", needsInstanceProfile: true, "ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate");
