using System.Collections.Immutable;
using Ward.Core.Model;

namespace Ward.Core.Graph;

/// <summary>
/// "<see cref="From"/> can act as, or obtain the permissions of, <see cref="To"/>", by a technique, with the
/// permissions it uses. An edge from a principal to itself is a self-escalation (it can rewrite its own rights). An
/// edge to a <see cref="PrincipalKind.Resource"/> node means <see cref="From"/> can read or write the resource's data,
/// directly or after granting itself access.
/// </summary>
public sealed record Edge(PrincipalId From, PrincipalId To, string Technique, string Description, ImmutableArray<EdgePermission> Permissions)
{
    /// <summary>Requirements that must hold for the edge to exist (unknown request facts); empty when certain.</summary>
    public ImmutableArray<string> Requirements { get; init; } = [];

    public bool IsConditional => !Requirements.IsDefaultOrEmpty;

    /// <summary>After this step the attacker holds arbitrary permissions (it can rewrite the target's policies).</summary>
    public bool GrantsAdmin { get; init; }

    /// <summary>
    /// Where an edge that <see cref="GrantsAdmin"/> gives arbitrary permissions, when that is narrower than wherever
    /// the source is (a Google Cloud organization, folder or project the source becomes owner-equivalent of); null
    /// otherwise. Analyses that search per scope end paths only with the edges of that scope (or one above it).
    /// </summary>
    public string? AdminScope { get; init; }

    public bool IsSelfEscalation => From == To;

    /// <summary>
    /// The services (action prefixes, such as <c>codecommit</c>) in which the source acts as the target after this
    /// step; empty when it acts as the target everywhere. A credential that works for one service gives that
    /// service's share of the target's permissions, not the target: paths do not continue through such an edge.
    /// </summary>
    public ImmutableArray<string> LimitedToServices { get; init; } = [];

    public bool IsLimitedToServices => !LimitedToServices.IsDefaultOrEmpty;
}
