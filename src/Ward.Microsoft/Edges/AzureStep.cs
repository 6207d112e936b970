using System.Collections.Immutable;
using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Edges;

/// <summary>
/// The requests one technique makes on one Azure resource, decided for one principal: with the roles it holds, after
/// it activates a PIM eligibility whose role grants them (<see cref="Activation"/> without a
/// <see cref="SelfAssignment"/>), or, when those do not allow them for certain, after it assigns itself a role that
/// does (<see cref="SelfAssignment"/>), which its right to write role assignments there must allow, its own or that of
/// an eligibility it activates first (<see cref="MicrosoftEdgeContext.DecideAzure"/>).
/// </summary>
public sealed record AzureStep(ImmutableArray<(AzureRequest Request, Decision Decision)> Decisions, AzureSelfAssignment? SelfAssignment)
{
    /// <summary>
    /// The PIM eligibility the principal activates first: the one whose role grants the requests, or, with a
    /// <see cref="SelfAssignment"/>, the one whose role writes the self-assignment. Null: its active roles do.
    /// </summary>
    public AzureActivation? Activation { get; init; }

    /// <summary>Every request (and the self-assignment, if any) is allowed, for certain or under conditions.</summary>
    public bool Holds => (SelfAssignment is null || MayAllow(SelfAssignment.Write)) && Decisions.All(d => MayAllow(d.Decision));

    /// <summary>Holds, and needs no condition (nor an activation that needs one).</summary>
    public bool IsCertain => Activation is not { Requirements.IsEmpty: false }
        && (SelfAssignment is null || SelfAssignment.Write.Kind == DecisionKind.Allowed)
        && Decisions.All(d => d.Decision.Kind == DecisionKind.Allowed);

    /// <summary>
    /// The edge the step gives, when every decision allows it: certain when all are allowed, conditional on their
    /// requirements otherwise. An undecided request gives no edge, unless <paramref name="undecidedIsRequirement"/>
    /// (then it is a requirement of its own). The activation, if any, comes first in the description and the
    /// permissions (its requirements first too), then the self-assignment, if any.
    /// </summary>
    /// <param name="technique">The technique's id.</param>
    /// <param name="from">The principal.</param>
    /// <param name="to">Whom the principal acts as after the step.</param>
    /// <param name="description">What the technique does, as the edge says it without a self-assignment.</param>
    /// <param name="grantedBy">What a permission names as granting it (the decision's summary by default).</param>
    /// <param name="undecidedIsRequirement">Whether an Indeterminate decision makes the edge conditional rather than absent.</param>
    public Edge? ToEdge(string technique, string from, string to, string description, Func<Decision, string>? grantedBy = null, bool undecidedIsRequirement = false)
    {
        var requirements = new List<string>(Activation?.Requirements ?? []);
        var all = Decisions.Select(d => (d.Request.Action, d.Decision));
        if (SelfAssignment is { } self)
        {
            all = all.Prepend((MicrosoftEdgeContext.WriteRoleAssignments, self.Write));
        }

        foreach (var (action, decision) in all)
        {
            switch (decision)
            {
                case Allowed:
                    break;
                case Conditional conditional:
                    requirements.AddRange(conditional.Requirements);
                    break;
                case Indeterminate indeterminate when undecidedIsRequirement:
                    requirements.Add($"Ward could not decide `{action}`: {indeterminate.Reason}");
                    break;
                default:
                    return null;
            }
        }

        var name = grantedBy ?? (d => d.Explanation.Summary);
        var permissions = Decisions.Select(d => new EdgePermission(d.Request.Action, d.Request.Scope.Value, name(d.Decision), []));
        if (SelfAssignment is { } assignment)
        {
            permissions = permissions.Prepend(new EdgePermission(MicrosoftEdgeContext.WriteRoleAssignments, assignment.Scope.Value, assignment.Write.Explanation.Summary, []));
        }

        if (Activation is { } activation)
        {
            permissions = permissions.Prepend(new EdgePermission(AzureActivation.Action, activation.Eligibility.Scope.Value, "PIM eligibility", []));
        }

        return new Edge(new(from), new(to), technique, Describe(description), [.. permissions])
        {
            Requirements = [.. requirements.Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>The technique's description, after the activation and the self-assignment when there are.</summary>
    public string Describe(string description) => (Activation, SelfAssignment) switch
    {
        ({ } activation, { } self) => $"{activation.Describe()}, assigns itself {self.Describe()}, then {description}",
        ({ } activation, null) => $"{activation.Describe()}, then {description}",
        (null, { } self) => $"assigns itself {self.Describe()}, then {description}",
        _ => description,
    };

    private static bool MayAllow(Decision decision) => decision.Kind is DecisionKind.Allowed or DecisionKind.Conditional;
}

/// <summary>
/// A role a principal assigns itself at a scope (without a condition), and the decision on that role assignment write
/// (made with the eligibility the step activates first, if any: <see cref="AzureStep.Activation"/>).
/// </summary>
public sealed record AzureSelfAssignment(RoleDefinition Role, AzureScope Scope, Decision Write)
{
    /// <summary>"`Owner` at `vmss-web`", "the custom role `Ops` at `rg-web`", for descriptions.</summary>
    public string Describe() =>
        $"{(Role.RoleType == RoleType.CustomRole ? "the custom role " : string.Empty)}`{Role.RoleName}` at `{Scope.Value[(Scope.Value.LastIndexOf('/') + 1)..]}` (it may write role assignments there)";
}

/// <summary>
/// A PIM eligibility a principal activates (its own or a group's), decided by the role's PIM policy at the
/// eligibility's scope: <see cref="Requirements"/> is empty when the policy requires no approval, else names the
/// approvers (or the activation settings, when no policy was exported); <see cref="Supplies"/> says what the
/// principal gives itself (MFA, a justification), for the description.
/// </summary>
public sealed record AzureActivation(EligibleRoleAssignment Eligibility, string RoleName, ImmutableArray<string> Requirements, string Supplies)
{
    /// <summary>The action a principal activates an eligible Azure role with (a role assignment schedule request for itself).</summary>
    public const string Action = "Microsoft.Authorization/roleAssignmentScheduleRequests/write";

    /// <summary>The name of the group whose eligibility the principal activates as a member; null when the eligibility is its own.</summary>
    public string? Group { get; init; }

    /// <summary>
    /// "activates its eligible `User Access Administrator` at `rg-web` (the role's PIM policy requires no approval)",
    /// or "activates `User Access Administrator` at `rg-web`, which its group `Ops` is eligible for (...)", for descriptions.
    /// </summary>
    public string Describe()
    {
        var at = Eligibility.Scope.Value[(Eligibility.Scope.Value.LastIndexOf('/') + 1)..];
        return Group is null ? $"activates its eligible `{RoleName}` at `{at}`{Supplies}" : $"activates `{RoleName}` at `{at}`, which its group `{Group}` is eligible for{Supplies}";
    }
}
