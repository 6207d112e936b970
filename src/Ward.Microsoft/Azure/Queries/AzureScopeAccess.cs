using System.Collections.Immutable;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Queries;

/// <summary>What a principal holds at one scope where it (or one of its groups) has assignments; it reaches every scope below.</summary>
public sealed record AzureScopeAccess
{
    public required AzureScope Scope { get; init; }

    public required ImmutableArray<AzureRoleGrant> Grants { get; init; }

    /// <summary>The control-plane patterns, merged over the grants.</summary>
    public required ImmutableArray<AzureEffectivePattern> Actions { get; init; }

    public required ImmutableArray<AzureEffectivePattern> DataActions { get; init; }
}
