using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Parsing;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Decisions;
using Ward.Core.Diagnostics;
using Ward.Core.Graph;

namespace Ward.Aws.Edges;

/// <summary>One permission a technique needs, and the resources it may be used on for a given target.</summary>
/// <param name="Action">The IAM action.</param>
/// <param name="Resources">The resources the action may be used on to reach a target.</param>
/// <param name="Cost">How expensive the step is to decide: cheaper steps are decided first.</param>
/// <param name="ResourceType">The IAM resource type the action is used on (<c>user</c>, <c>role</c>, <c>group</c>, <c>policy</c>); null: the target's own type.</param>
public sealed record TechniqueStep(string Action, Func<AwsEdgeContext, AwsPrincipal, string, IEnumerable<string>> Resources, int Cost, string? ResourceType)
{
    /// <summary>Whether the step acts on the target's customer-managed policies.</summary>
    public bool OnPoliciesOfTarget { get; init; }

    /// <summary>
    /// Whether the step is role assumption after an earlier step rewrote the target's trust policy: it is decided
    /// with a trust policy naming the principal in place of the exported one, so the trust no longer stands in the
    /// way while the principal's denies, its SCPs and (for a role) its permissions boundary still do.
    /// </summary>
    public bool UnderRewrittenTrust { get; init; }

    /// <summary>
    /// Another action the step needs on the same resource, as far as the export tells (null: none): the one action
    /// does not succeed alone there.
    /// </summary>
    public Func<AwsEstate, string, string?>? AlsoNeededOn { get; init; }

    /// <summary>The action on the target itself.</summary>
    public static TechniqueStep OnTarget(string action) => new(action, (_, _, target) => [target], 1, null);

    /// <summary>The action on any customer-managed policy attached to the target (directly or through a group).</summary>
    public static TechniqueStep OnTargetPolicies(string action) => new(action, (context, _, target) => IamTargets.CustomerPoliciesOf(context.Estate, target), 5, "policy") { OnPoliciesOfTarget = true };

    /// <summary>
    /// iam:CreatePolicyVersion on any customer-managed policy attached to the target; on a policy that already has
    /// the five versions IAM keeps, iam:DeletePolicyVersion on it too (see <see cref="PolicyVersionLimit"/>).
    /// </summary>
    public static TechniqueStep NewVersionOfTargetPolicies() => OnTargetPolicies(PolicyVersionLimit.CreateAction) with { AlsoNeededOn = PolicyVersionLimit.ActionNeededFirst };

    /// <summary>
    /// sts:AssumeRole on the target role once an earlier step (iam:UpdateAssumeRolePolicy) made its trust policy name
    /// the principal. Decided last: it is a full evaluation for each target that passed the other steps.
    /// </summary>
    public static TechniqueStep AssumeUnderRewrittenTrust() => new("sts:AssumeRole", (_, _, target) => [target], 9, null) { UnderRewrittenTrust = true };

    /// <summary>The action on any group the target user belongs to.</summary>
    public static TechniqueStep OnTargetGroups(string action) => new(action, (context, _, target) => IamTargets.GroupsOf(context.Estate, target), 3, "group");
}

/// <summary>
/// IAM techniques: a principal uses IAM actions on a target (itself, another user, another role) to act as it or
/// to grant itself arbitrary permissions. Every step is decided by the full evaluator on the concrete resource.
/// </summary>
public abstract class IamEdgeChecker(string techniqueId, IamTargetKind targetKind, bool grantsAdmin, params TechniqueStep[] steps) : IAwsEdgeChecker
{
    public string TechniqueId { get; } = techniqueId;

    public bool GrantsAdmin { get; } = grantsAdmin;

    private string TargetType => targetKind switch
    {
        IamTargetKind.OtherUsers or IamTargetKind.SelfUser => "user",
        IamTargetKind.Groups => "group",
        _ => "role",
    };

    public bool TargetsSelf { get; } = targetKind is IamTargetKind.Self or IamTargetKind.SelfUser or IamTargetKind.SelfRole;

    /// <summary>
    /// Whether the target, as the exports show it, lets the technique work on it at all (a user whose two access key
    /// slots are taken gets no third key); true when nothing says otherwise.
    /// </summary>
    protected virtual bool Admits(Estate.AwsEstate estate, string target) => true;

    public IEnumerable<Edge> Check(AwsEdgeContext context, IReadOnlySet<string>? targets)
    {
        var technique = AwsTechniqueCatalog.Get(TechniqueId);

        // Decide the cheapest steps first: most targets fail one of them, and the rest need not be evaluated.
        var ordered = steps.OrderBy(s => s.Cost).ToArray();
        var first = ordered[0];
        var assumes = steps.Any(s => s.Action.Equals("sts:AssumeRole", StringComparison.OrdinalIgnoreCase) && !s.UnderRewrittenTrust);
        var assumesOnly = steps.All(s => s.Action.Equals("sts:AssumeRole", StringComparison.OrdinalIgnoreCase));
        var rewritesTrust = steps.Any(s => s.UnderRewrittenTrust);

        // A trust policy rewritten to name the principal allows the assumption within the account with no identity
        // statement, so the pre-filter on sts:AssumeRole (which looks for one, or for the exported trust naming the
        // principal) does not apply to that step.
        string[] prefiltered = [.. steps.Where(s => !s.UnderRewrittenTrust).Select(s => s.Action).Distinct(StringComparer.Ordinal)];

        // What the loop below asks of the steps for every principal, worked out once.
        TechniqueStep[] narrowing = [.. ordered.Where(s => s.Cost == 1 && !s.Action.Equals("sts:AssumeRole", StringComparison.OrdinalIgnoreCase))];
        TechniqueStep[] onTargetPolicies = TargetsSelf ? [] : [.. ordered.Where(s => s.OnPoliciesOfTarget)];
        TechniqueStep[] blockable = TargetsSelf ? [] : [.. ordered.Where(s => !s.Action.StartsWith("sts:", StringComparison.OrdinalIgnoreCase))];
        string[] actions = [.. steps.Select(s => s.Action)];
        var untyped = steps.All(s => s.ResourceType is null);

        // The layer's targets by account, in order: a principal acts on targets of its own account only.
        var targetsByAccount = targets?.ToLookup(AccountOf, StringComparer.Ordinal);
        foreach (var principal in context.Candidates(prefiltered))
        {
            // IAM actions on users, roles and groups succeed only within their account (role assumption alone
            // crosses accounts): a layer with no target there has nothing for this principal.
            if (targetsByAccount is not null && !assumesOnly && !targetsByAccount.Contains(principal.Account ?? string.Empty))
            {
                continue;
            }

            // Narrow the targets: to the roles whose trust policy can name the principal when the technique assumes
            // the target, and through the first step's resource patterns when it acts on the target itself.
            IEnumerable<string>? reachable = assumes ? context.RolesAdmitting(principal) : null;
            foreach (var step in narrowing)
            {
                // Every step on the target must be able to reach it: intersect what each one's patterns can name.
                if (context.TargetsMatching(principal, step.Action) is { } matching)
                {
                    reachable = reachable is null ? matching : reachable.Intersect(matching, StringComparer.Ordinal).ToList();
                }
            }

            // A step on the target's policies reaches only the holders of policies its patterns can name.
            foreach (var step in onTargetPolicies)
            {
                if (context.HoldersOfPoliciesMatching(principal, step.Action) is { } holders)
                {
                    reachable = reachable is null ? holders : reachable.Where(holders.Contains).ToList();
                }
            }

            var candidates = (reachable, targets) switch
            {
                (null, null) => IamTargets.For(context, principal, targetKind),
                (null, _) => targetsByAccount![principal.Account ?? string.Empty].Where(target => IamTargets.IsOfKind(context, principal, targetKind, target, assumesOnly)),
                _ => reachable.Where(target => (targets is null || targets.Contains(target)) && IamTargets.IsOfKind(context, principal, targetKind, target, assumesOnly)),
            };
            candidates = candidates.Where(target => Admits(context.Estate, target));

            // A step denied on every resource no statement names specifically can only succeed on named ones (worth
            // knowing when there are many targets, not for oneself).
            var blocked = false;
            foreach (var step in blockable)
            {
                if (context.SharedDecision(principal, step.Action, step.ResourceType ?? TargetType) is not { } shared
                    || shared.Kind is DecisionKind.Allowed or DecisionKind.Conditional)
                {
                    continue;
                }

                if (!context.NamesResources(principal, step.Action, step.ResourceType ?? TargetType))
                {
                    blocked = true;
                    break;
                }

                if (step.ResourceType is null && context.SpecificTargets(principal, [step.Action]) is { } named)
                {
                    candidates = candidates.Where(named.Contains);
                }
            }

            if (blocked)
            {
                continue;
            }

            // Acting on the target alone: targets no statement names specifically share one outcome per account. So
            // do roles assumed under a rewritten trust (the same for every role) that no statement names for
            // sts:AssumeRole either.
            if (reachable is null && !assumes && untyped
                && (rewritesTrust ? context.SpecificTargetsUnderRewrittenTrust(principal, actions) : context.SpecificTargets(principal, actions)) is { } specific)
            {
                candidates = AwsEdgeContext.Representatives(candidates, specific, target => (targets is null || targets.Contains(target)) && IamTargets.IsOfKind(context, principal, targetKind, target, assumesOnly) && Admits(context.Estate, target));
            }

            var limit = new EdgeLimit();
            SortedSet<string>? onlyNamed = null;
            foreach (var target in candidates)
            {
                if (onlyNamed is not null && !onlyNamed.Contains(target))
                {
                    continue;
                }

                var resources = first.Resources(context, principal, target).ToList();
                if (!resources.Exists(r => context.MayAllowOn(principal, first.Action, r)))
                {
                    continue;
                }

                // Reaching the target is no way to admin when what caps the principal afterwards (the target's
                // boundary, or the joining user's own) leaves it short of admin.
                var afterwards = AdminAfterwards(context, principal, target);
                if (afterwards is { IsAdmin: false, IsConditionallyAdmin: false })
                {
                    continue;
                }

                var decided = new List<(string Action, string Resource, Decision Decision)>(steps.Length);
                string? attached = null;
                string? emptied = null;
                var complete = true;
                foreach (var step in ordered)
                {
                    var best = Best(context, principal, step, target);
                    if (best is null)
                    {
                        complete = false;
                        break;
                    }

                    decided.AddRange(best.Value.Decided);
                    attached ??= best.Value.Attached;
                    emptied ??= Array.Find(best.Value.Decided, d => d.Action == PolicyVersionLimit.DeleteAction).Resource;
                }

                if (!complete)
                {
                    continue;
                }

                var description = Describe(technique, principal, target) + (attached is null ? string.Empty : $", attaching `{attached}`")
                    + (emptied is null ? string.Empty : $", deleting an old version of `{NameOf(emptied)}` first (it has {PolicyVersionLimit.MaxVersions} versions, the most IAM keeps)");
                var edge = AwsEdgeContext.EdgeIf(TechniqueId, principal.Value, target, description, GrantsAdmin, [.. decided]);
                if (edge is not null && afterwards is { IsConditionallyAdmin: true })
                {
                    edge = edge with { Requirements = [.. edge.Requirements.Concat(afterwards.ConditionalRequirements.Select(r => $"{r} ({AfterwardsQualifier(principal, target)})")).Distinct(StringComparer.Ordinal)] };
                }
                if (limit.Admit(edge))
                {
                    yield return edge!;
                    if (edge!.IsConditional && !TargetsSelf)
                    {
                        onlyNamed = TargetsThatCouldDoBetter(context, principal, ordered);
                    }
                }

                if (limit.Done)
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Once a conditional edge is kept, only an unconditional one is worth finding. A step whose decision on the
    /// targets no statement names specifically is not Allowed gives those targets no better edge: only the named
    /// ones are left (null: every target is).
    /// </summary>
    private SortedSet<string>? TargetsThatCouldDoBetter(AwsEdgeContext context, AwsPrincipal principal, TechniqueStep[] ordered)
    {
        foreach (var step in ordered.Where(s => !s.Action.StartsWith("sts:", StringComparison.OrdinalIgnoreCase)))
        {
            var named = step.OnPoliciesOfTarget ? context.HoldersOfPoliciesNamed(principal, step.Action)
                : step.ResourceType is null ? context.SpecificTargets(principal, [step.Action])
                : null;
            if (named is not null && context.SharedDecision(principal, step.Action, step.ResourceType ?? TargetType) is { Kind: not DecisionKind.Allowed })
            {
                return named;
            }
        }

        return null;
    }

    /// <summary>The account field of an ARN (the fifth, colon-separated), or empty.</summary>
    private static string AccountOf(string arn)
    {
        var span = arn.AsSpan();
        for (var field = 0; field < 4; field++)
        {
            var colon = span.IndexOf(':');
            if (colon < 0)
            {
                return string.Empty;
            }

            span = span[(colon + 1)..];
        }

        var end = span.IndexOf(':');
        return end < 0 ? string.Empty : span[..end].ToString();
    }

    /// <summary>
    /// What the technique makes of the principal once it has reached the target, when something may still stand
    /// between it and admin (null: nothing does). No edge unless the verdict is admin, or admin under conditions
    /// (which become the edge's requirements). By default: arbitrary identity permissions make the target admin only
    /// where its permissions boundary lets them (see <see cref="AwsEdgeContext.AdminOnceRewritten"/>).
    /// </summary>
    protected virtual AdminVerdict? AdminAfterwards(AwsEdgeContext context, AwsPrincipal principal, string target) =>
        GrantsAdmin ? context.AdminOnceRewritten(target) : null;

    /// <summary>Whom and when a requirement of <see cref="AdminAfterwards"/> is about, as the edge words it.</summary>
    protected virtual string AfterwardsQualifier(AwsPrincipal principal, string target) =>
        $"for `{NameOf(target)}` once rewritten, within its permissions boundary";

    /// <summary>The last part of an ARN's resource (a user's, role's, group's or policy's name).</summary>
    protected static string NameOf(string arn) => arn[(arn.LastIndexOf('/') + 1)..];

    /// <returns>
    /// The best decision of the step on one of its resources (with the one of each action it also needs there), and
    /// the policy it attaches when that was decided for one (see <see cref="AttachingAnAdminPolicy"/>).
    /// </returns>
    private ((string Action, string Resource, Decision Decision)[] Decided, string? Attached)? Best(AwsEdgeContext context, AwsPrincipal principal, TechniqueStep step, string target)
    {
        ((string, string, Decision)[], string?)? conditional = null;
        foreach (var resource in step.Resources(context, principal, target))
        {
            if (!step.UnderRewrittenTrust && !context.MayAllowOn(principal, step.Action, resource))
            {
                continue;
            }

            var decision = Decide(step.Action);
            string? attached = null;
            if (decision is Conditional { } undecided && AttachActions.Contains(step.Action) && undecided.Requirements.Any(r => r.Contains("iam:PolicyARN", StringComparison.OrdinalIgnoreCase))
                && AttachingAnAdminPolicy(context, principal, step, resource) is { } picked)
            {
                (decision, attached) = picked;
            }

            if (decision.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional))
            {
                continue;
            }

            (string, string, Decision)[] decided = [(step.Action, resource, decision)];
            if (step.AlsoNeededOn?.Invoke(context.Estate, resource) is { } also)
            {
                var alsoDecision = context.MayAllowOn(principal, also, resource) ? Decide(also) : null;
                if (alsoDecision?.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional))
                {
                    continue;
                }

                decided = [.. decided, (also, resource, alsoDecision)];
            }

            if (Array.TrueForAll(decided, d => d.Item3.Kind == DecisionKind.Allowed))
            {
                return (decided, attached);
            }

            conditional ??= (decided, attached);

            Decision Decide(string action) => DecideStep(context, principal, step, action, resource);
        }

        return conditional;
    }

    private Decision DecideStep(AwsEdgeContext context, AwsPrincipal principal, TechniqueStep step, string action, string resource)
    {
        if (step.UnderRewrittenTrust)
        {
            // Every rewritten trust is the same: roles no statement names for the action share one decision per account.
            var trust = TrustNaming(context, principal);
            Decision Assume() => context.Can(principal, action, resource, adjust: policies => policies with { ResourcePolicy = trust });
            return context.NamesSpecifically(principal, action, resource) ? Assume()
                : SharedAssumptions.GetValue(context, _ => new ConcurrentDictionary<(string, string), Decision>()).GetOrAdd((principal.Value, AccountOf(resource)), _ => Assume());
        }

        // Sharing decisions among targets pays off when there are many; oneself is one.
        return TargetsSelf && step.ResourceType is null ? context.Can(principal, action, resource) : context.CanOnTarget(principal, action, resource);
    }

    /// <summary>
    /// The trust policy iam:UpdateAssumeRolePolicy would leave on the role: one statement allowing the principal,
    /// named by its ARN, to assume it. Within the account such a trust allows the assumption with no identity
    /// statement, and for a user even beyond its permissions boundary, while explicit denies and SCPs still refuse
    /// it (IAM user guide, "Policy evaluation logic").
    /// </summary>
    private static NamedPolicy TrustNaming(AwsEdgeContext context, AwsPrincipal principal)
    {
        // The same document for every role the principal rewrites: parsed once per principal and scan.
        var document = RewrittenTrusts.GetValue(context, _ => new ConcurrentDictionary<string, PolicyDocument>(StringComparer.Ordinal)).GetOrAdd(principal.Value, arn =>
        {
            var statement = $$"""{"Sid":"WardRewrittenTrust","Effect":"Allow","Principal":{"AWS":{{System.Text.Json.JsonSerializer.Serialize(arn)}}},"Action":"sts:AssumeRole"}""";
            return PolicyParser.ParseText($$"""{"Version":"2012-10-17","Statement":[{{statement}}]}""", PolicyKind.RoleTrust, new SourceLocation($"(trust policy rewritten to name {arn})")).Document
                ?? throw new InvalidOperationException("a policy Ward writes itself must parse");
        });
        return new NamedPolicy($"the role's trust policy as rewritten to name {principal.Name ?? principal.Value}", document);
    }

    private static readonly ConditionalWeakTable<AwsEdgeContext, ConcurrentDictionary<string, PolicyDocument>> RewrittenTrusts = new();

    private static readonly ConditionalWeakTable<AwsEdgeContext, ConcurrentDictionary<(string Principal, string Account), Decision>> SharedAssumptions = new();

    /// <summary>
    /// The attach actions, whose requests carry the policy attached as <c>iam:PolicyARN</c>: the caller picks it, so a
    /// condition on it is decided for the policies that would make the target an administrator.
    /// </summary>
    private static readonly HashSet<string> AttachActions = new(["iam:AttachUserPolicy", "iam:AttachRolePolicy", "iam:AttachGroupPolicy"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Attaching a policy when the grant's condition on <c>iam:PolicyARN</c> is undecided: the caller picks the policy,
    /// so the step is decided for those that would make the target admin-equivalent. AWS managed AdministratorAccess,
    /// then IAMFullAccess (full control of IAM, so anything), then the account's own policies and the AWS managed ones
    /// of the export that allow <c>*</c> or <c>iam:*</c> on <c>*</c> (<see cref="AwsEdgeContext.AdminGrantingPolicies"/>).
    /// The first one allowed decides the step, certain, and is named in the edge. When every one of them is refused
    /// (the condition decided for each), the step is refused: no policy the caller may attach makes the target admin.
    /// Null, leaving the condition a requirement, when the condition stays undecided for one of them, when only a
    /// policy that grants admin under conditions may be attached, or when the caller may create policies (one it
    /// creates might be admitted: the export cannot tell its name).
    /// </summary>
    private (Decision Decision, string? Attached)? AttachingAnAdminPolicy(AwsEdgeContext context, AwsPrincipal principal, TechniqueStep step, string resource)
    {
        var partition = principal.Value.Split(':') is { Length: > 1 } parts && parts[1].Length > 0 ? parts[1] : "aws";
        var undecided = false;
        Decision? refused = null;
        foreach (var name in (string[])["AdministratorAccess", "IAMFullAccess"])
        {
            if (Decide($"arn:{partition}:iam::aws:policy/{name}", certain: true) is { } allowed)
            {
                return allowed;
            }
        }

        foreach (var (policy, certain) in context.AdminGrantingPolicies(principal.Account ?? string.Empty))
        {
            if (Decide(policy, certain) is { } allowed)
            {
                return allowed;
            }
        }

        return undecided || refused is null || context.MayAllow(principal, "iam:CreatePolicy") ? null : (refused, null);

        (Decision, string?)? Decide(string policy, bool certain)
        {
            var request = new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase) { ["iam:PolicyARN"] = ContextValue.Of(policy) };
            var decision = TargetsSelf && step.ResourceType is null ? context.Can(principal, step.Action, resource, request) : context.CanOnTarget(principal, step.Action, resource, policy, request);
            switch (decision.Kind)
            {
                case DecisionKind.Allowed when certain:
                    return (decision, policy);
                case DecisionKind.ImplicitDeny or DecisionKind.ExplicitDeny:
                    refused ??= decision;
                    break;
                default:
                    undecided = true;
                    break;
            }

            return null;
        }
    }

    private static string Describe(AwsTechnique technique, AwsPrincipal principal, string target) =>
        target == principal.Value
            ? $"rewrites its own permissions ({technique.Name})"
            : $"takes over `{NameOf(target)}` ({technique.Name})";
}
