using System.Collections.Immutable;
using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges;

/// <summary>
/// A directory role action decided for one principal on one object: with the roles it holds, or, when those do not
/// allow it for certain, after it activates one of its PIM eligibilities whose role does (<see cref="Activation"/>;
/// <see cref="MicrosoftEdgeContext.DecideDirectoryRole"/>).
/// </summary>
/// <param name="Decision">The authorizer's decision, with the activated eligibility counted when there is one.</param>
/// <param name="Activation">The eligibility the principal activates first; null when its active roles decide.</param>
public sealed record DirectoryRoleStep(Decision Decision, DirectoryRoleActivation? Activation)
{
    public DecisionKind Kind => Decision.Kind;

    /// <summary>Allowed, and needs no condition (nor an activation that needs one).</summary>
    public bool IsCertain => Decision.Kind == DecisionKind.Allowed && Activation is not { Requirements.IsEmpty: false };

    /// <summary>What must hold for the step: the activation's requirements, then the decision's (an undecided one as a requirement of its own).</summary>
    public ImmutableArray<string> RequirementsFor(string action) =>
    [
        .. Activation?.Requirements ?? [],
        .. Decision switch
        {
            Conditional conditional => conditional.Requirements,
            Indeterminate indeterminate => [$"Ward could not decide `{action}`: {indeterminate.Reason}"],
            _ => ImmutableArray<string>.Empty,
        },
    ];

    /// <summary>
    /// The edge for the step, as <see cref="MicrosoftEdgeContext.EdgeIf"/> makes it for a decision (none when denied),
    /// the activation, when there is one, said first in its description and permissions and its requirements added.
    /// </summary>
    public Edge? ToEdge(string technique, string from, string to, string description, string action, string resource, bool grantsAdmin = false)
    {
        var edge = MicrosoftEdgeContext.EdgeIf(technique, from, to, description, Decision, action, resource, grantsAdmin);
        return edge is not null && Activation is { } activation ? activation.Qualify(edge) : edge;
    }

    /// <summary>The first certain step of the principal over the actions on the target, else the first allowed after an activation that needs an approver; null when none is allowed.</summary>
    public static (string Action, DirectoryRoleStep Step)? FirstAllowed(MicrosoftEdgeContext context, string principal, IEnumerable<string> actions, string target)
    {
        ArgumentNullException.ThrowIfNull(context);
        var allowed = actions.Select(a => (Action: a, Step: context.DecideDirectoryRole(principal, a, target))).Where(s => s.Step.Kind == DecisionKind.Allowed).ToList();
        return allowed.Count == 0 ? null : allowed.Find(s => s.Step.IsCertain) is { Step: not null } certain ? certain : allowed[0];
    }
}

/// <summary>
/// A PIM eligibility for a directory role that a principal activates (its own or a role-assignable group's), decided
/// by the role's PIM policy as <c>entra-pim-activate</c> decides it: <see cref="Requirements"/> is empty when the
/// policy requires no approval, else names the approvers (or the activation settings, when no policy was exported);
/// <see cref="Supplies"/> says what the principal gives itself (MFA, a justification), for the description.
/// </summary>
public sealed record DirectoryRoleActivation(DirectoryRoleAssignment Eligibility, string RoleName, ImmutableArray<string> Requirements, string Supplies)
{
    /// <summary>The action a principal activates an eligible directory role with, as <c>entra-pim-activate</c> names it.</summary>
    public const string Action = "microsoft.directory/privilegedIdentityManagement/activate";

    /// <summary>The name of the role-assignable group whose eligibility the principal activates as a member; null when the eligibility is its own.</summary>
    public string? Group { get; init; }

    /// <summary>The edge, after the activation: said first in its description and permissions, its requirements added first.</summary>
    public Edge Qualify(Edge edge)
    {
        ArgumentNullException.ThrowIfNull(edge);
        return edge with
        {
            Description = $"{Describe()}, then {edge.Description}",
            Permissions = edge.Permissions.Insert(0, Permission),
            Requirements = [.. Requirements, .. edge.Requirements.Except(Requirements, StringComparer.Ordinal)],
        };
    }

    /// <summary>The activation, as an edge's permission.</summary>
    public EdgePermission Permission => new(Action, Eligibility.DirectoryScope.ToString(), "PIM eligibility", []);

    /// <summary>
    /// "activates its eligible directory role Application Administrator (the role's PIM policy requires no approval)",
    /// or "activates the directory role Application Administrator its group `App Admins` is eligible for (...)", the
    /// scope named when it is not the tenant, for descriptions.
    /// </summary>
    public string Describe()
    {
        var at = Eligibility.DirectoryScope.Kind == DirectoryScopeKind.Tenant ? string.Empty : $" at `{Eligibility.DirectoryScope}`";
        return Group is null
            ? $"activates its eligible directory role {RoleName}{at}{Supplies}"
            : $"activates the directory role {RoleName}{at} its group `{Group}` is eligible for{Supplies}";
    }
}
