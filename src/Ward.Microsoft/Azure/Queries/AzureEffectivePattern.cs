using System.Collections.Immutable;

namespace Ward.Microsoft.Azure.Queries;

/// <summary>
/// An <c>actions</c> (or <c>dataActions</c>) pattern a principal holds at a scope, minus the <c>notActions</c>
/// of the same block, with the roles that grant it (<c>Contributor</c>, <c>Owner via group Platform</c>, …).
/// </summary>
public sealed record AzureEffectivePattern(string Pattern, ImmutableArray<string> Except, ImmutableArray<string> GrantedBy)
{
    /// <summary>True when every granting role holds it only under a condition or only once activated.</summary>
    public bool OnlyConditionally { get; init; }
}
