using Ward.Core.Graph;

namespace Ward.Microsoft.Edges;

/// <summary>One Entra ID or Azure escalation technique: the edges it gives, each decided on its concrete target.</summary>
public interface IMicrosoftEdgeChecker
{
    /// <summary>Stable kebab-case id (<c>entra-reset-password</c>), used in findings and docs.</summary>
    string TechniqueId { get; }

    IEnumerable<Edge> Check(MicrosoftEdgeContext context);
}
