using System.Collections.Immutable;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Queries;

/// <summary>The answer to <c>what-can</c>: a principal's roles per scope, and the deny assignments that name it.</summary>
public sealed record AzurePrincipalAccess
{
    public required string PrincipalId { get; init; }

    public string? PrincipalName { get; init; }

    /// <summary>The groups whose assignments were counted (empty when membership was not given).</summary>
    public required ImmutableArray<string> Groups { get; init; }

    public required ImmutableArray<AzureScopeAccess> Scopes { get; init; }

    /// <summary>Deny assignments that apply to the principal (directly, through a group, or to everyone) and do not exclude it.</summary>
    public required ImmutableArray<DenyAssignment> Denies { get; init; }
}
