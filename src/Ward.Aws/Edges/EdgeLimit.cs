using Ward.Core.Graph;

namespace Ward.Aws.Edges;

/// <summary>
/// How many edges one technique keeps from one source in one pass: the first edge that holds unconditionally, and
/// before it at most one that holds under conditions.
/// </summary>
/// <remarks>
/// Paths to admin need one edge per source and hop, not every edge: a principal that may pass any of 3,000 roles
/// would otherwise add 3,000 edges per technique, and a large estate millions. The targets arrive in a fixed
/// order, so the edge kept is the same on every run.
/// </remarks>
internal sealed class EdgeLimit
{
    private bool _conditionalKept;

    /// <summary>True once an unconditional edge was kept: no later target can make a shorter or surer path.</summary>
    public bool Done { get; private set; }

    /// <summary>Whether an edge that holds under conditions was kept.</summary>
    public bool ConditionalKept => _conditionalKept;

    /// <summary>Whether to keep this edge (null: no edge to this target).</summary>
    public bool Admit(Edge? edge)
    {
        if (edge is null || Done)
        {
            return false;
        }

        if (!edge.IsConditional)
        {
            Done = true;
            return true;
        }

        if (_conditionalKept)
        {
            return false;
        }

        _conditionalKept = true;
        return true;
    }
}
