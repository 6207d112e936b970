using System.Collections.Immutable;

namespace Ward.Microsoft.Azure.Rbac;

/// <summary>
/// A scope and its ancestors, nearest first, ending with <c>/</c> when the chain is complete. When the hierarchy
/// does not say where a subscription or management group sits, the chain stops there and <see cref="Gap"/> says why.
/// </summary>
public sealed record AzureScopeChain(ImmutableArray<AzureScope> Scopes, string? Gap)
{
    public bool Complete => Gap is null;
}
