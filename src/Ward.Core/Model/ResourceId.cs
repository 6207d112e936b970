namespace Ward.Core.Model;

/// <summary>A resource's identifier in its provider's own form (an ARN, an Azure resource id, a full resource name).</summary>
public readonly record struct ResourceId(string Value)
{
    public override string ToString() => Value;
}
