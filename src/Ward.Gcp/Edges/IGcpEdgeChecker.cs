using Ward.Core.Graph;

namespace Ward.Gcp.Edges;

/// <summary>One Google Cloud escalation technique: the edges it gives, each decided by the evaluator on its concrete target.</summary>
public interface IGcpEdgeChecker
{
    /// <summary>Stable kebab-case id (<c>gcp-sa-get-access-token</c>), the key of <see cref="GcpTechniqueCatalog"/>.</summary>
    string TechniqueId { get; }

    /// <summary>True for techniques that end with the principal owner-equivalent of a container itself (self-escalations, with <see cref="Edge.AdminScope"/>).</summary>
    bool GrantsAdmin { get; }

    /// <param name="context">The estate and its evaluator.</param>
    /// <param name="targets">
    /// Node ids the edges must lead to (those already known to reach an owner-equivalent principal); null: every
    /// target. Checkers that grant owner-equivalence ignore it.
    /// </param>
    IEnumerable<Edge> Check(GcpEdgeContext context, IReadOnlySet<string>? targets);
}
