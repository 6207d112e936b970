namespace Ward.Core.Model;

/// <summary>A policy's identifier in its provider's own form (a managed policy ARN, an inline policy path, a role definition id).</summary>
public readonly record struct PolicyId(string Value)
{
    public override string ToString() => Value;
}
