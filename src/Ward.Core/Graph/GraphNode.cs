using Ward.Core.Model;

namespace Ward.Core.Graph;

/// <summary>A principal in the entitlement graph, or a resource paths were asked for (<see cref="PrincipalKind.Resource"/>).</summary>
public sealed record GraphNode(PrincipalId Id, PrincipalKind Kind, CloudProvider Provider, string Label, string? Scope)
{
    /// <summary>Why this principal is admin-equivalent, or null when it is not.</summary>
    public string? AdminReason { get; init; }

    public bool IsAdmin => AdminReason is not null;
}
