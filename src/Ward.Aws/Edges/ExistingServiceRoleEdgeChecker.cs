using Ward.Core.Decisions;
using Ward.Core.Graph;

namespace Ward.Aws.Edges;

/// <summary>
/// The "existing-passrole" family: take over an existing resource that already runs as a role (update a function's
/// code, start a session on an instance...). Exports of IAM do not list those resources, so the edge goes to every
/// role that trusts the service (and, for EC2, has an instance profile), with the requirement that such a resource
/// exists. Each step is decided only on resources of the kind it acts on (<see cref="KindOf"/>).
/// </summary>
public abstract class ExistingServiceRoleEdgeChecker(string techniqueId, string service, string resourceKind, bool needsInstanceProfile, params string[] actions) : IAwsEdgeChecker
{
    public string TechniqueId { get; } = techniqueId;

    public bool TargetsSelf => false;

    public bool GrantsAdmin => false;

    /// <summary>The kind of resource each action acts on (null: any resource pattern may do), worked out on first use.</summary>
    private ResourceKind?[]? _kinds;

    /// <summary>
    /// The resource an action of the technique acts on, when the action's required resource types do not say it
    /// (ssm:StartSession requires none, ssm:SendCommand a document, though both act on an instance); null to leave
    /// it to them.
    /// </summary>
    protected virtual ResourceKind? KindOf(string action) => null;

    public IEnumerable<Edge> Check(AwsEdgeContext context, IReadOnlySet<string>? targets)
    {
        var roles = context.RolesTrustingService(service).Where(r => (!needsInstanceProfile || !r.InstanceProfileArns.IsEmpty) && (targets is null || targets.Contains(r.Arn))).ToList();
        if (roles.Count == 0)
        {
            yield break;
        }

        var technique = AwsTechniqueCatalog.Get(TechniqueId);
        var kinds = _kinds ??= [.. actions.Select(a => KindOf(a) ?? ResourceKind.RequiredBy(a))];
        var rolesByAccount = roles.ToLookup(r => r.Account, StringComparer.Ordinal);
        foreach (var principal in context.Candidates(actions))
        {
            var steps = actions.Select((action, i) => (Action: action, Result: context.CanSomewhereCached(principal, action, kinds[i]))).ToList();
            if (steps.Exists(s => s.Result.Decision.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional)))
            {
                continue;
            }

            // The steps do not depend on the role: every role of the principal's account (where its resources run)
            // leads to the same outcome, so the first one stands for all.
            if (rolesByAccount[principal.Account ?? string.Empty].FirstOrDefault(r => r.Arn != principal.Value) is not { } role)
            {
                continue;
            }

            var edge = AwsEdgeContext.EdgeIf(
                TechniqueId,
                principal.Value,
                role.Arn,
                $"takes over an existing {resourceKind} running as `{role.Name}` ({technique.Name})",
                grantsAdmin: false,
                [.. steps.Select(s => (s.Action, s.Result.Resource, s.Result.Decision))]);
            if (edge is not null)
            {
                yield return edge with { Requirements = [.. edge.Requirements, $"an existing {resourceKind} runs as `{role.Name}` (resources are not in the IAM export)"] };
            }
        }
    }
}
