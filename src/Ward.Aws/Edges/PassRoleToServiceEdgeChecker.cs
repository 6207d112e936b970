using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Core.Decisions;
using Ward.Core.Graph;

namespace Ward.Aws.Edges;

/// <summary>
/// The "new-passrole" family: pass a role that trusts an AWS service to a new resource of that service (a function,
/// an instance, a job...) and run code as the role. The edge goes from the principal to every role it can pass to
/// the service, when it can also perform the service actions that create and run the resource, and the service may
/// assume the role for a resource of the principal's account (the trust's <c>aws:SourceAccount</c> and
/// <c>aws:SourceArn</c> conditions decided for it: <see cref="NewResourceSource"/>). EC2 takes an instance profile,
/// not a role: a role without one needs the principal to create one and add the role to it.
/// </summary>
public abstract class PassRoleToServiceEdgeChecker(string techniqueId, string service, params string[] actions) : IAwsEdgeChecker
{
    public string TechniqueId { get; } = techniqueId;

    /// <summary>The service principal the passed role must trust, e.g. <c>lambda.amazonaws.com</c>.</summary>
    public string Service { get; } = service;

    public bool TargetsSelf => false;

    public bool GrantsAdmin => false;

    /// <summary>
    /// What the technique needs that it does not create and the IAM export cannot show (an ECS cluster, an event
    /// source), as the edge's requirement; null when it creates all it needs.
    /// </summary>
    protected virtual string? ExistingResource => null;

    private bool TakesInstanceProfile => Service == "ec2.amazonaws.com";

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
        // The service's assumption depends on the role and the account the new resource is in, not on who creates it.
        var assumptions = new Dictionary<(string Role, string? Account), Decision>();
        var ownByAccount = new Dictionary<string, List<IamRole>>(StringComparer.Ordinal);
        Decision Assumed(IamRole role, string? account)
        {
            if (!assumptions.TryGetValue((role.Arn, account), out var assumed))
            {
                assumed = context.Can(AwsPrincipal.Parse(Service), "sts:AssumeRole", role.Arn, NewResourceSource(role, Service, account));
                assumptions[(role.Arn, account)] = assumed;
            }

            return assumed;
        }

        foreach (var principal in context.Candidates([.. actions, "iam:PassRole"]))
        {
            // A role can be passed only within its own account: none there, nothing to decide.
            if (!rolesByAccount.Contains(principal.Account ?? string.Empty))
            {
                continue;
            }

            // Only the roles some statement's iam:PassRole resource patterns can name; when one names `*`, the roles
            // no statement names specifically share one outcome per account.
            // A role can be passed only within its own account.
            // The service's assumption and the instance profile differ from role to role while the pass does not: the
            // role standing for those no statement names is the best of them (the service certainly assumes it, it
            // needs no instance profile made), and roles the service cannot assume for the principal are left out.
            var named = context.TargetsMatching(principal, "iam:PassRole");
            // Both depend on the role and the account only: ordered once per account.
            if (!ownByAccount.TryGetValue(principal.Account ?? string.Empty, out var own))
            {
                own = [.. rolesByAccount[principal.Account ?? string.Empty]
                    .Where(r => Assumed(r, principal.Account).Kind is DecisionKind.Allowed or DecisionKind.Conditional)
                    .OrderBy(r => Assumed(r, principal.Account).Kind == DecisionKind.Allowed ? 0 : 1)
                    .ThenBy(r => TakesInstanceProfile && r.InstanceProfileArns.IsEmpty ? 1 : 0)];
                ownByAccount[principal.Account ?? string.Empty] = own;
            }

            var passable = named is not null ? named.Where(arn => roleSet.TryGetValue(arn, out var role) && role.Account == principal.Account).Select(arn => roleSet[arn])
                : context.SpecificTargets(principal, ["iam:PassRole"]) is { } specific
                    ? AwsEdgeContext.Representatives(own.Select(r => r.Arn), specific, arn => roleSet.TryGetValue(arn, out var role) && role.Account == principal.Account).Select(arn => roleSet[arn])
                    : own;

            // The service actions are decided only for a principal that has a role to pass here: they are the costly
            // part, and most principals of a layer can pass none of its roles.
            if (!passable.Any(role => role.Arn != principal.Value && Assumed(role, principal.Account).Kind is DecisionKind.Allowed or DecisionKind.Conditional))
            {
                continue;
            }

            var steps = actions.Select(action => (Action: action, Result: context.CanSomewhereCached(principal, action))).ToList();
            if (steps.Exists(s => s.Result.Decision.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional)))
            {
                continue;
            }

            // The service actions do not depend on the role: when one holds only under conditions, no role gives a
            // sure edge, and the first conditional one is all there is to keep.
            var surePossible = ExistingResource is null && steps.TrueForAll(s => s.Result.Decision.Kind == DecisionKind.Allowed);
            var limit = new EdgeLimit();
            Decision pass(IamRole role) => context.CanOnTarget(principal, "iam:PassRole", role.Arn, Service, passedTo);
            foreach (var role in passable)
            {
                if (role.Arn == principal.Value)
                {
                    continue;
                }

                // The service assumes the role for the principal's new resource: a trust pinned to another account's
                // resources keeps it out, one pinned to a resource name the principal cannot choose holds only for it.
                var assumed = Assumed(role, principal.Account);
                if (assumed.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional))
                {
                    continue;
                }

                var profile = TakesInstanceProfile && role.InstanceProfileArns.IsEmpty
                    ? InstanceProfileSteps.Select(action => (Action: action, Result: context.CanSomewhereCached(principal, action))).ToList()
                    : [];
                var edge = AwsEdgeContext.EdgeIf(
                    TechniqueId,
                    principal.Value,
                    role.Arn,
                    $"passes `{role.Name}` to {Service} ({technique.Name}) and runs code as it{(profile.Count > 0 ? " (first in an instance profile of its own making: the role has none)" : string.Empty)}",
                    grantsAdmin: false,
                    [.. profile.Select(s => (s.Action, s.Result.Resource, s.Result.Decision)), ("iam:PassRole", role.Arn, pass(role)), .. steps.Select(s => (s.Action, s.Result.Resource, s.Result.Decision))]);
                if (edge is not null && (assumed is Conditional || ExistingResource is not null))
                {
                    edge = edge with
                    {
                        Requirements = [.. edge.Requirements, .. assumed is Conditional conditional ? conditional.Requirements : [], .. ExistingResource is { } existing ? [existing] : Array.Empty<string>()],
                    };
                }

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

    /// <summary>What puts a role in an instance profile, for EC2 (one profile holds one role).</summary>
    private static readonly string[] InstanceProfileSteps = ["iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile"];

    /// <summary>
    /// The source keys of a resource the principal creates for the service in its own account: <c>aws:SourceAccount</c>
    /// (and <c>aws:SourceOwner</c>) its account, and an <c>aws:SourceArn</c> matching a trust condition whose account part
    /// admits that account and whose resource part has a wildcard, filled (the creator picks the name). A source ARN
    /// pinned to one name is left out, so a trust that tests it holds only under that requirement.
    /// </summary>
    private static Dictionary<string, ContextValue> NewResourceSource(IamRole role, string service, string? account)
    {
        var keys = new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase);
        if (account is null)
        {
            return keys;
        }

        keys["aws:SourceAccount"] = ContextValue.Of(account);
        keys["aws:SourceOwner"] = ContextValue.Of(account);
        // Only the statements that let this service (or everyone) in: another service's source does not apply.
        var sources = role.TrustPolicy!.Statements
            .Where(s => AwsEdgeContext.LetsServiceIn(s, service))
            .SelectMany(s => s.Conditions)
            .Where(c => !c.Operator.IsNegated && c.Key.Equals("aws:SourceArn", StringComparison.OrdinalIgnoreCase))
            .SelectMany(c => c.Values)
            .ToList();
        if (sources.Select(pattern => Fill(pattern, account)).FirstOrDefault(arn => arn is not null) is { } filled)
        {
            keys["aws:SourceArn"] = ContextValue.Of(filled);
        }
        else if (sources.Count > 0 && !sources.Exists(pattern => MayBeInAccount(pattern, account)))
        {
            // Every source the trust names is another account's: the new resource's ARN matches none of them.
            keys["aws:SourceArn"] = ContextValue.Of($"arn:aws:{service.Split('.')[0]}:ward-new:{account}:ward-new");
        }

        return keys;
    }

    /// <summary>Whether a resource of the account may match the pattern (an ARN without an account part, as S3's, may).</summary>
    private static bool MayBeInAccount(string pattern, string account)
    {
        var parts = pattern.Split(':', 6);
        return parts.Length != 6 || parts[4].Length == 0 || AccountPartAdmits(parts[4], account);
    }

    /// <summary>Whether an ARN pattern's account part is the account or a wildcard matching it.</summary>
    private static bool AccountPartAdmits(string part, string account) =>
        part == account || (part.IndexOfAny(['*', '?']) >= 0 && Policy.Matching.Wildcard.IsMatch(part, account, ignoreCase: false));

    /// <summary>An ARN in the account that the pattern matches with a name of the creator's choosing, or null.</summary>
    private static string? Fill(string pattern, string account)
    {
        var parts = pattern.Split(':', 6);
        if (parts.Length != 6 || parts[5].IndexOfAny(['*', '?']) < 0 || !AccountPartAdmits(parts[4], account))
        {
            return null;
        }

        parts[4] = account;
        return string.Join(':', parts.Select(p => p.Replace("*", "ward-new", StringComparison.Ordinal).Replace('?', 'x')));
    }
}
