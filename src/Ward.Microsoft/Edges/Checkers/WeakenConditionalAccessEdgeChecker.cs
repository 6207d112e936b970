using System.Collections.Immutable;
using Ward.Core.Graph;
using Ward.Microsoft.Entra.ConditionalAccess;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-weaken-conditional-access</c>: a principal that may change or delete Conditional Access policies (a
/// directory role allowing <c>conditionalAccessPolicies/basic/update</c> or <c>conditionalAccessPolicies/delete</c> on
/// the policy, such as Conditional Access Administrator and Security Administrator, as the exported definitions say; a
/// service principal holding Microsoft Graph's <c>Policy.ReadWrite.ConditionalAccess</c> with <c>Policy.Read.All</c>
/// or with <c>Application.Read.All</c>, the two pairs Graph's update and delete of a policy list, least privileged
/// first) excludes a user from, turns off or deletes every enabled policy that guards the user's sign-in
/// (<see cref="MfaCoverage.SignInGuards"/>: block, MFA, an authentication strength, a compliant or hybrid joined
/// device, at every sign-in). That gives no credential: every edge is conditional on a first factor of the user being
/// known, and names the policies it removes. No edge to a user no exported policy guards (there is nothing to remove),
/// nor without the policies in the export.
/// </summary>
public sealed class WeakenConditionalAccessEdgeChecker : IMicrosoftEdgeChecker
{
    private const string WritePermission = "Policy.ReadWrite.ConditionalAccess";

    /// <summary>Either one, with the write permission, lets Graph update and delete a policy (Policy.Read.All the least privileged).</summary>
    private static readonly string[] ReadPermissions = ["Policy.Read.All", "Application.Read.All"];

    private static readonly string[] RoleActions = ["microsoft.directory/conditionalAccessPolicies/basic/update", "microsoft.directory/conditionalAccessPolicies/delete"];

    public string TechniqueId => "entra-weaken-conditional-access";

    public bool GrantsAdmin => false;

    /// <summary>
    /// The principals that may change every Conditional Access policy, as far as roles and Graph permissions tell: role
    /// holders the authorizer allows on the whole directory (<c>/</c>: a role scoped to an administrative unit reaches no
    /// policy), and applications with a permission pair. Whose steps are missing when the policies were not exported.
    /// </summary>
    public static IReadOnlyList<string> Writers(MicrosoftEdgeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [.. RoleActions.SelectMany(context.RoleHoldersFor).Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(h => DirectoryRoleStep.FirstAllowed(context, h, RoleActions, "/") is not null)
            .Concat(Applications(context).Keys)
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
    }

    /// <summary>The service principals holding the write permission and a read permission Graph accepts with it, with that read permission.</summary>
    private static Dictionary<string, string> Applications(MicrosoftEdgeContext context) =>
        context.GraphPermissions
            .Where(p => p.Value.Contains(WritePermission) && ReadPermissions.Any(p.Value.Contains))
            .ToDictionary(p => p.Key, p => ReadPermissions.First(p.Value.Contains), StringComparer.OrdinalIgnoreCase);

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        var directory = context.Directory;
        if (!directory.ConditionalAccessPoliciesExported || !directory.ConditionalAccessPolicies.Any(p => p.State == ConditionalAccessPolicyState.Enabled))
        {
            yield break;
        }

        var roleHolders = RoleActions.SelectMany(context.RoleHoldersFor).Distinct(StringComparer.OrdinalIgnoreCase).Where(context.StartsPaths).Order(StringComparer.Ordinal).ToList();
        var applications = Applications(context).Where(a => context.StartsPaths(a.Key)).OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        if (roleHolders.Count == 0 && applications.Count == 0)
        {
            yield break;
        }

        var coverage = new MfaCoverage(directory, context.AsOf);
        var steps = new Dictionary<(string Holder, string Policy), (string Action, DirectoryRoleStep Step)?>();
        foreach (var user in directory.Users.Where(u => targets is null || targets.Contains(u.Id)))
        {
            var openings = coverage.SignInGuards(user.Id);
            if (openings.IsEmpty)
            {
                continue;
            }

            var name = user.UserPrincipalName ?? user.Id;
            foreach (var holder in roleHolders.Where(h => !string.Equals(h, user.Id, StringComparison.OrdinalIgnoreCase)))
            {
                // The narrowest way in whose every policy the holder may change.
                if (openings.Select(o => RoleEdge(context, steps, holder, user.Id, name, o)).FirstOrDefault(e => e is not null) is { } edge)
                {
                    yield return edge;
                }
            }

            var (signIns, guards) = openings[0];
            foreach (var (application, read) in applications.Where(a => !roleHolders.Contains(a.Key, StringComparer.OrdinalIgnoreCase)))
            {
                yield return new Edge(new(application), new(user.Id), TechniqueId, $"{Removes(name, signIns, guards)}, with Microsoft Graph {WritePermission}",
                    [new EdgePermission(WritePermission, user.Id, "Microsoft Graph application permission", []), new EdgePermission(read, user.Id, "Microsoft Graph application permission", [])])
                {
                    Requirements = [Requirement(name, guards)],
                };
            }
        }
    }

    /// <summary>The holder's edge when its roles let it change every policy of the way in (each decided on the policy itself); null otherwise.</summary>
    private Edge? RoleEdge(MicrosoftEdgeContext context, Dictionary<(string, string), (string Action, DirectoryRoleStep Step)?> steps, string holder, string user, string name,
        (string? SignIns, ImmutableArray<(ConditionalAccessPolicy Policy, string Included)> Guards) opening)
    {
        var allowed = new List<(ConditionalAccessPolicy Policy, string Action, DirectoryRoleStep Step)>();
        foreach (var (policy, _) in opening.Guards)
        {
            if (!steps.TryGetValue((holder, policy.Id), out var step))
            {
                step = DirectoryRoleStep.FirstAllowed(context, holder, RoleActions, policy.Id);
                steps[(holder, policy.Id)] = step;
            }

            if (step is not { } found)
            {
                // A policy the holder may not change still stands: the first factor alone does not sign in there.
                return null;
            }

            allowed.Add((policy, found.Action, found.Step));
        }

        var activation = allowed.Select(a => a.Step.Activation).FirstOrDefault(a => a is not null);
        var edge = new Edge(new(holder), new(user), TechniqueId, Removes(name, opening.SignIns, opening.Guards),
            [.. allowed.Select(a => new EdgePermission(a.Action, a.Policy.Id, a.Step.Decision.Explanation.Summary, []))])
        {
            Requirements = [Requirement(name, opening.Guards)],
        };
        return activation is null ? edge : activation.Qualify(edge);
    }

    /// <summary>What the edge does: the policies it removes, and which sign-ins that opens when they guard only some, others guarding the rest.</summary>
    private static string Removes(string name, string? signIns, ImmutableArray<(ConditionalAccessPolicy Policy, string Included)> guards) =>
        $"excludes `{name}` from, turns off or deletes the Conditional Access {(guards.Length == 1 ? "policy" : "policies")} {Names(guards)} that {(guards.Length == 1 ? "guards" : "guard")} their sign-in"
        + (signIns is null ? string.Empty : $"s {signIns} (other policies guard the rest)");

    private static string Requirement(string name, ImmutableArray<(ConditionalAccessPolicy Policy, string Included)> guards) =>
        $"`{name}`'s password (or another first factor of theirs) is known, and no per-user MFA (not in the export) asks for a second factor: the edge only removes the Conditional Access {(guards.Length == 1 ? "policy" : "policies")} standing between it and a sign-in, {string.Join("; ", guards.Select(g => $"`{g.Policy.DisplayName ?? g.Policy.Id}` ({g.Included}, {Control(g.Policy)})"))}";

    private static string Names(ImmutableArray<(ConditionalAccessPolicy Policy, string Included)> guards) =>
        string.Join(", ", guards.Select(g => $"`{g.Policy.DisplayName ?? g.Policy.Id}`"));

    /// <summary>What the policy asks for, as its grant says.</summary>
    private static string Control(ConditionalAccessPolicy policy)
    {
        if (policy.BuiltInControls.Contains("block", StringComparer.OrdinalIgnoreCase))
        {
            return "it blocks the sign-in";
        }

        var controls = policy.BuiltInControls.Select(c => $"`{c}`")
            .Concat(policy.AuthenticationStrength is { } strength ? [$"authentication strength `{strength.DisplayName ?? strength.Id ?? "(unnamed)"}`"] : [])
            .ToList();
        return controls.Count == 1 ? $"it requires {controls[0]}" : $"it requires {string.Join(string.Equals(policy.GrantOperator, "OR", StringComparison.OrdinalIgnoreCase) ? " or " : " and ", controls)}";
    }
}
