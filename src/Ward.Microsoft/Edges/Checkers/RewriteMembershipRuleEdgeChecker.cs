using System.Collections.Immutable;
using Ward.Core.Graph;
using Ward.Microsoft.Entra.Evaluation;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-rewrite-membership-rule</c>: joining a dynamic group, whose members follow its rule and whom
/// <c>entra-add-group-member</c> therefore never reaches, by changing the group rather than its member list. A user
/// whose directory role allows a form of <c>dynamicMembershipRule/update</c> on the group (Groups Administrator, User
/// Administrator) rewrites the rule to take itself in (<c>user.objectId -eq "…"</c>); Entra ID then re-evaluates the
/// rule, which can take minutes to hours but needs nobody else. Only users and devices match a rule, so a service
/// principal takes the other way, open to users too: a role allowing <c>groupType/update</c> and <c>members/update</c>
/// turns the group into one of assigned members and adds itself; so does a service principal holding Microsoft Graph
/// <c>Group.ReadWrite.All</c> or <c>Directory.ReadWrite.All</c> (not on a group in a restricted management
/// administrative unit, where Graph application permissions do not apply). Role-assignable groups cannot be dynamic:
/// what the technique reaches is a group's Azure roles, app role assignments and ownerships. A rule whose processing
/// is paused (<c>membershipRuleProcessingState</c> <c>Paused</c>), or not exported, makes the rewrite conditional on
/// Entra ID processing it.
/// </summary>
public sealed class RewriteMembershipRuleEdgeChecker : IMicrosoftEdgeChecker
{
    private const string RuleOperation = "dynamicMembershipRule/update";
    private const string TypeOperation = "groupType/update";
    private const string MembersOperation = "members/update";
    private static readonly string[] GraphPermissions = ["Group.ReadWrite.All", "Directory.ReadWrite.All"];

    public string TechniqueId => "entra-rewrite-membership-rule";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ruleWriters = GroupResourceActions.AllFor(RuleOperation).SelectMany(context.RoleHoldersFor).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var typeWriters = GroupResourceActions.AllFor(TypeOperation).SelectMany(context.RoleHoldersFor).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        foreach (var group in context.Directory.Groups.Where(g => (targets is null || targets.Contains(g.Id)) && g.IsDynamic && !g.IsAssignableToRole && g.OnPremisesSyncEnabled != true))
        {
            var name = group.DisplayName ?? group.Id;
            var processing = string.Equals(group.MembershipRuleProcessingState, "On", StringComparison.OrdinalIgnoreCase) ? null
                : group.MembershipRuleProcessingState is { } state
                    ? $"Entra ID processes the rule of `{name}` again (its `membershipRuleProcessingState` is `{state}`)"
                    : $"Entra ID processes the rule of `{name}` (its `membershipRuleProcessingState` was not exported)";
            var added = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

            // Users rewrite the rule: only users and devices match one.
            foreach (var holder in ruleWriters.Where(h => context.Directory.FindUser(h) is not null))
            {
                if (AddGroupMemberEdgeChecker.Decide(context, holder, group, [.. GroupResourceActions.For(group, RuleOperation)]) is { } chosen
                    && chosen.Step.ToEdge(TechniqueId, holder, group.Id, $"rewrites the membership rule of the dynamic group `{name}` with its directory role to take itself in (`user.objectId -eq \"{holder}\"`), and is a member once Entra ID re-evaluates the rule (minutes to hours)", chosen.Action, group.Id) is { } edge)
                {
                    added.Add(holder);
                    yield return processing is null ? edge : edge with { Requirements = edge.Requirements.Add(processing) };
                }
            }

            // Anyone who may change the group's type and its members makes it a group of assigned members and joins it.
            var typeActions = GroupResourceActions.For(group, TypeOperation).ToList();
            var memberActions = GroupResourceActions.For(group, MembersOperation).ToList();
            foreach (var holder in typeWriters.Where(h => !added.Contains(h)))
            {
                if (AddGroupMemberEdgeChecker.Decide(context, holder, group, typeActions) is not { } type
                    || AddGroupMemberEdgeChecker.Decide(context, holder, group, memberActions) is not { } members)
                {
                    continue;
                }

                // Each step may activate an eligibility of its own: both are said, once each.
                var requirements = type.Step.RequirementsFor(type.Action).Concat(members.Step.RequirementsFor(members.Action)).Distinct(StringComparer.Ordinal).ToImmutableArray();
                var activations = new[] { type.Step.Activation, members.Step.Activation }.OfType<DirectoryRoleActivation>().DistinctBy(a => a.Eligibility.Id, StringComparer.OrdinalIgnoreCase).ToList();
                var description = $"turns the dynamic group `{name}` into a group of assigned members with its directory role, then adds itself";
                added.Add(holder);
                yield return new Edge(new(holder), new(group.Id), TechniqueId, activations.Count == 0 ? description : $"{string.Join(", ", activations.Select(a => a.Describe()))}, then {description}",
                    [.. activations.Select(a => a.Permission), new EdgePermission(type.Action, group.Id, MicrosoftEdgeContext.GrantedBy(type.Step.Decision), []), new EdgePermission(members.Action, group.Id, MicrosoftEdgeContext.GrantedBy(members.Step.Decision), [])])
                {
                    Requirements = requirements,
                };
            }

            if (context.Roles.RestrictingUnits(group.Id).Count > 0)
            {
                continue;
            }

            foreach (var (principal, permission) in context.GraphPermissions.SelectMany(p => GraphPermissions.Where(p.Value.Contains).Take(1).Select(g => (p.Key, g))).Where(p => !added.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                yield return new Edge(new(principal), new(group.Id), TechniqueId, $"turns the dynamic group `{name}` into a group of assigned members with Microsoft Graph {permission} (its `groupTypes` without `DynamicMembership`), then adds itself",
                    [new EdgePermission(permission, group.Id, "Microsoft Graph application permission", [])]);
            }
        }
    }

}
