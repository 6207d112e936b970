using Ward.Aws.Policy.Evaluation;
using Ward.Core.Decisions;
using Ward.Core.Graph;

namespace Ward.Aws.Edges;

/// <summary>
/// The "new-passrole" family: pass a role that trusts an AWS service to a new resource of that service (a function,
/// an instance, a job...) and run code as the role. The edge goes from the principal to every role it can pass to
/// the service, when it can also perform the service actions that create and run the resource.
/// </summary>
public abstract class PassRoleToServiceEdgeChecker(string techniqueId, string service, params string[] actions) : IAwsEdgeChecker
{
    public string TechniqueId { get; } = techniqueId;

    /// <summary>The service principal the passed role must trust, e.g. <c>lambda.amazonaws.com</c>.</summary>
    public string Service { get; } = service;

    public bool TargetsSelf => false;

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(AwsEdgeContext context, IReadOnlySet<string>? targets)
    {
        var roles = context.RolesTrustingService(Service).Where(r => targets is null || targets.Contains(r.Arn)).ToList();
        if (roles.Count == 0)
        {
            yield break;
        }

        var roleSet = roles.ToDictionary(r => r.Arn, StringComparer.Ordinal);
        var rolesByAccount = roles.ToLookup(r => r.Account, StringComparer.Ordinal);
        var passedTo = new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase) { ["iam:PassedToService"] = ContextValue.Of(Service) };
        var technique = AwsTechniqueCatalog.Get(TechniqueId);
        foreach (var principal in context.Candidates([.. actions, "iam:PassRole"]))
        {
            // A role can be passed only within its own account: none there, nothing to decide.
            if (!rolesByAccount.Contains(principal.Account ?? string.Empty))
            {
                continue;
            }

            var steps = actions.Select(action => (Action: action, Result: context.CanSomewhereCached(principal, action))).ToList();
            if (steps.Exists(s => s.Result.Decision.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional)))
            {
                continue;
            }

            // Only the roles some statement's iam:PassRole resource patterns can name; when one names `*`, the roles
            // no statement names specifically share one outcome per account.
            // A role can be passed only within its own account.
            var named = context.TargetsMatching(principal, "iam:PassRole");
            var own = rolesByAccount[principal.Account ?? string.Empty];
            var passable = named is not null ? named.Where(arn => roleSet.TryGetValue(arn, out var role) && role.Account == principal.Account).Select(arn => roleSet[arn])
                : context.SpecificTargets(principal, ["iam:PassRole"]) is { } specific
                    ? AwsEdgeContext.Representatives(own.Select(r => r.Arn), specific, arn => roleSet.TryGetValue(arn, out var role) && role.Account == principal.Account).Select(arn => roleSet[arn])
                    : own;
            // The service actions do not depend on the role: when one holds only under conditions, no role gives a
            // sure edge, and the first conditional one is all there is to keep.
            var surePossible = steps.TrueForAll(s => s.Result.Decision.Kind == DecisionKind.Allowed);
            var limit = new EdgeLimit();
            foreach (var role in passable)
            {
                if (role.Arn == principal.Value)
                {
                    continue;
                }

                var pass = context.CanOnTarget(principal, "iam:PassRole", role.Arn, Service, passedTo);
                var edge = AwsEdgeContext.EdgeIf(
                    TechniqueId,
                    principal.Value,
                    role.Arn,
                    $"passes `{role.Name}` to {Service} ({technique.Name}) and runs code as it",
                    grantsAdmin: false,
                    [("iam:PassRole", role.Arn, pass), .. steps.Select(s => (s.Action, s.Result.Resource, s.Result.Decision))]);
                if (limit.Admit(edge))
                {
                    yield return edge!;
                }

                if (limit.Done || (limit.ConditionalKept && !surePossible))
                {
                    break;
                }
            }
        }
    }
}
