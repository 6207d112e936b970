using Ward.Core.Graph;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-pim-group-activate</c>: a principal eligible (PIM for Groups, <c>eligibilityScheduleInstances</c> or
/// <c>eligibilitySchedules</c>) for
/// membership of a group activates it and holds what the group holds: the directory roles of a role-assignable group,
/// the Azure role assignments and app roles of any group. Eligible for ownership, it activates that and adds itself as
/// a member (not to a group whose members follow a dynamic rule). The edge leads to the group, as
/// <c>entra-add-group-member</c>'s do. Decided, like <c>entra-pim-activate</c>, by the group's exported PIM policy for
/// that access (certain without approval, conditional on an approver with it), conditional when none was exported. A
/// group's eligibility is its members' too.
/// </summary>
public sealed class ActivateEligibleGroupEdgeChecker : IMicrosoftEdgeChecker
{
    private const string Requirement = "the group's PIM settings let the principal activate it (approval and MFA settings are not exported)";
    private const string Activate = "privilegedAccessGroupAssignmentScheduleRequest/selfActivate";

    public string TechniqueId => "entra-pim-group-activate";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var eligible = context.Directory.PrivilegedGroupAssignments
            .Where(a => a.State == AssignmentState.Eligible && (targets is null || targets.Contains(a.GroupId)) && InForce(a.StartDateTime, a.EndDateTime, context.AsOf))
            .OrderBy(a => a.GroupId, StringComparer.Ordinal).ThenBy(a => a.Access).ThenBy(a => a.PrincipalId, StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal);
        foreach (var assignment in eligible)
        {
            if (context.Directory.FindGroup(assignment.GroupId) is not { } group || (assignment.Access == GroupAccessType.Owner && group.IsDynamic))
            {
                continue;
            }

            var name = group.DisplayName ?? group.Id;
            var description = assignment.Access == GroupAccessType.Member
                ? $"activates its eligible membership of `{name}` (PIM for Groups)"
                : $"activates its eligible ownership of `{name}` (PIM for Groups), then adds itself as a member";
            var permission = new EdgePermission(Activate, group.Id, $"PIM for Groups eligibility `{assignment.Id}` ({assignment.Access.ToString().ToLowerInvariant()})", []);
            var policy = context.Directory.GroupActivationPolicy(group.Id, assignment.Access);
            foreach (var principal in context.WithMembers([assignment.PrincipalId], keepGroups: true).Where(p => !string.Equals(p, group.Id, StringComparison.OrdinalIgnoreCase)))
            {
                var verdict = ActivationVerdict.Decide(policy, principal, "the group's", Requirement, context.Directory);
                yield return new Edge(new(principal), new(group.Id), TechniqueId, description + verdict.Supplies, [permission]) { Requirements = verdict.Requirements };
            }
        }
    }

    private static bool InForce(DateTimeOffset? start, DateTimeOffset? end, DateTimeOffset asOf) => (start is null || start <= asOf) && (end is null || end > asOf);
}
