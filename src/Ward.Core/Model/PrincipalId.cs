using Ward.Core.Collections;

namespace Ward.Core.Model;

/// <summary>A principal's identifier in its provider's own form (an ARN, an Entra object id, a member string).</summary>
public readonly record struct PrincipalId(string Value)
{
    public override string ToString() => Value;

    /// <summary>Not the randomized string hash: graphs key dictionaries and sets by principal millions of times.</summary>
    public override int GetHashCode() => OrdinalHash.Of(Value);
}
