namespace Ward.Gcp.Iam;

/// <summary>One role a Privileged Access Manager grant binds, under the entitlement's condition on it, if any.</summary>
public sealed record PamRoleBinding(string Role, string? ConditionExpression);
