using Ward.Core.Graph;

namespace Ward.Microsoft.Edges;

/// <summary>One Entra ID or Azure escalation technique: the edges it gives, each decided on its concrete target.</summary>
public interface IMicrosoftEdgeChecker
{
    /// <summary>Stable kebab-case id (<c>entra-reset-password</c>), used in findings and docs.</summary>
    string TechniqueId { get; }

    /// <summary>True for techniques that end with the principal holding an administrator role itself (self-escalations).</summary>
    bool GrantsAdmin { get; }

    /// <param name="context">The estate and its authorizers.</param>
    /// <param name="targets">
    /// Object ids the edges must lead to (those already known to reach an administrator); null: every target. Checkers
    /// that grant administrator roles ignore it.
    /// </param>
    IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets);
}
