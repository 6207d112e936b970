using System.Collections.Immutable;

namespace Ward.Microsoft.Azure.Rbac;

/// <summary>
/// One entry of a role definition's (or deny assignment's) <c>permissions</c>. Within a block, <c>notActions</c>
/// remove from <c>actions</c>, and <c>notDataActions</c> from <c>dataActions</c>; blocks do not affect each other.
/// </summary>
public sealed record PermissionBlock
{
    public ImmutableArray<string> Actions { get; init; } = [];

    public ImmutableArray<string> NotActions { get; init; } = [];

    public ImmutableArray<string> DataActions { get; init; } = [];

    public ImmutableArray<string> NotDataActions { get; init; } = [];

    /// <summary>A condition on the block itself (rare; set on some built-in roles).</summary>
    public string? Condition { get; init; }

    public string? ConditionVersion { get; init; }
}
