namespace Ward.Core.Model;

/// <summary>A principal's identifier in its provider's own form (an ARN, an Entra object id, a member string).</summary>
public readonly record struct PrincipalId(string Value)
{
    public override string ToString() => Value;
}
