namespace Ward.Aws.Estate;

/// <summary>A managed policy attached to a user, group or role, by ARN.</summary>
public sealed record IamPolicyAttachment(string PolicyArn, string PolicyName);
