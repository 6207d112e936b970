namespace Ward.Core.Model;

/// <summary>How a policy reaches a principal.</summary>
public enum GrantVia
{
    Inline,
    Attached,
    GroupMembership,
    PermissionsBoundary,
    Inherited,
}

/// <summary>A policy that applies to a principal, and by which route.</summary>
public sealed record Grant
{
    public required PrincipalId Principal { get; init; }

    public required PolicyId Policy { get; init; }

    public required GrantVia Via { get; init; }

    /// <summary>The group, scope or parent through which the grant arrives, when it is not direct.</summary>
    public string? Through { get; init; }
}
