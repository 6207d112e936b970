using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>
/// The organization policy one organization, folder or project sets for one constraint: its live rules (the v2
/// <c>spec</c>, or the v1 <c>booleanPolicy</c> / <c>listPolicy</c> form Cloud Asset Inventory exports). A dry-run
/// spec changes nothing and is not kept.
/// </summary>
public sealed record OrgPolicy
{
    /// <summary>The relative name of the node the policy is set on (<c>organizations/1</c>, <c>folders/2</c>, <c>projects/3</c>).</summary>
    public required string Resource { get; init; }

    /// <summary>The constraint, without its <c>constraints/</c> prefix (<c>iam.disableServiceAccountKeyCreation</c>).</summary>
    public required string Constraint { get; init; }

    /// <summary>Whether the policy restores the constraint's default here, whatever is set above (v2 <c>reset</c>, v1 <c>restoreDefault</c>).</summary>
    public bool Reset { get; init; }

    /// <summary>The live rules; empty when the policy sets none (it then takes its parent's).</summary>
    public ImmutableArray<OrgPolicyRule> Rules { get; init; } = [];

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
