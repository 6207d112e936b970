using Ward.Aws.Policy.Syntax;

namespace Ward.Aws.Estate;

/// <summary>An inline policy embedded in a user, group or role.</summary>
public sealed record InlinePolicy(string Name, PolicyDocument Document);
