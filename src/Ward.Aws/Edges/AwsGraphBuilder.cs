using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Core.Graph;
using Ward.Core.Model;

namespace Ward.Aws.Edges;

/// <summary>
/// Builds the escalation graph of an AWS estate: users, roles and groups as nodes, admin-equivalence decided for
/// each, then the edges that lead towards admin.
/// </summary>
/// <remarks>
/// Computing every lateral move of a large estate is quadratic (every principal that may pass any role, to every
/// role). So the edges are found backwards: techniques that end in arbitrary permissions run once against every
/// target; the others run only against principals already known to lead to admin (admins first, then whoever
/// can reach them, and so on until nothing new is reached). The graph thus holds every edge on a path to admin.
/// Resources named as targets are nodes too: their edges (direct access, rewriting their policy, a KMS grant) are
/// found only for them, and the search backwards from who reaches each one considers every principal, admins
/// included, as a resource's policy may keep an account's administrators out.
/// </remarks>
public static class AwsGraphBuilder
{
    /// <summary>The region probes use when a principal's usage names none.</summary>
    public const string DefaultRegion = "us-east-1";

    /// <param name="estate">The estate.</param>
    /// <param name="asOf">The reference time of every decision.</param>
    /// <param name="checkers">The techniques (default: all).</param>
    /// <param name="targets">
    /// Principals and exported resources (ARNs) to find paths to besides the admins (<c>ward scan --target</c>).
    /// </param>
    /// <param name="cancellationToken">Stops the build.</param>
    public static AwsGraph Build(AwsEstate estate, DateTimeOffset asOf, IEnumerable<IAwsEdgeChecker>? checkers = null, IReadOnlyCollection<string>? targets = null, CancellationToken cancellationToken = default)
    {
        var all = (checkers ?? AwsEdgeCheckers.All).ToList();
        var timings = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var phase = Stopwatch.StartNew();
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        var context = new AwsEdgeContext(estate, asOf);
        var verdicts = new ConcurrentDictionary<PrincipalId, AdminVerdict>();
        Parallel.ForEach(context.Principals, options, principal =>
            verdicts[AwsEdgeContext.IdOf(principal)] = AdminEquivalence.Evaluate(context, principal, RegionOf(estate, principal)));

        foreach (var group in estate.Accounts.SelectMany(a => a.Groups))
        {
            var member = new AwsPrincipal(AwsPrincipalType.IamUser, $"arn:aws:iam::{group.Account}:user/ward-member-of-{group.Name}", group.Account, $"member of {group.Name}");
            var policies = estate.GroupPoliciesOf(group);
            verdicts[AwsEdgeContext.IdOf(group.Arn)] = AdminEquivalence.Evaluate(context, member, DefaultRegion, set => set with { IdentityPolicies = policies, PermissionsBoundary = null });
        }

        var admins = verdicts.Where(v => v.Value.IsAdmin).Select(v => v.Key).ToFrozenSet();
        timings["wall: admin verdicts"] = phase.ElapsedTicks;
        context.Admins = admins;
        var edges = new ConcurrentBag<Edge>();
        var resourceTargets = (targets ?? []).Where(estate.ResourcePolicies.ContainsKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var reached = new HashSet<string>(admins.Select(a => a.Value).Concat((targets ?? []).Except(resourceTargets, StringComparer.Ordinal)), StringComparer.Ordinal);
        var certainlyReaching = new HashSet<string>(reached, StringComparer.Ordinal);

        // Techniques that end in arbitrary permissions: first rewriting oneself, then rewriting others (every
        // target, one edge per source). A principal settled by a certain edge needs no further edges.
        var passes = new[] { ("self", all.Where(c => c.GrantsAdmin && c.TargetsSelf)), ("others", all.Where(c => c.GrantsAdmin && !c.TargetsSelf)) };
        foreach (var (name, pass) in passes)
        {
            phase.Restart();
            var found = new ConcurrentBag<Edge>();
            Parallel.ForEach(OneAtATime(pass), options, checker => Run(checker, targets: null, found));

            foreach (var edge in found)
            {
                edges.Add(edge);
                reached.Add(edge.From.Value);
            }

            Settle(found, certainlyReaching);
            timings[$"wall: rewriting {name}"] = phase.ElapsedTicks;
        }

        // Lateral moves, backwards from what leads to admin.
        var frontier = reached.ToFrozenSet(StringComparer.Ordinal);
        var lateral = all.Where(c => !c.GrantsAdmin && !c.LimitsServices && !c.ReachesResources).ToList();
        var depth = 0;
        while (frontier.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            phase.Restart();
            var found = new ConcurrentBag<Edge>();
            // Sorted, so checkers that walk the targets meet them in the same order on every run.
            var layer = new SortedSet<string>(frontier, StringComparer.Ordinal);
            Parallel.ForEach(OneAtATime(lateral), options, checker => Run(checker, layer, found));

            var next = new HashSet<string>(StringComparer.Ordinal);
            foreach (var edge in found)
            {
                edges.Add(edge);
                if (reached.Add(edge.From.Value))
                {
                    next.Add(edge.From.Value);
                }
            }

            Settle(found, certainlyReaching);
            frontier = next.ToFrozenSet(StringComparer.Ordinal);
            timings[$"wall: lateral layer {++depth} ({layer.Count} targets)"] = phase.ElapsedTicks;
        }

        // Edges limited to some services end no path and lead nowhere further: found once, against every target,
        // from the principals that have not already reached admin.
        phase.Restart();
        Parallel.ForEach(OneAtATime(all.Where(c => c.LimitsServices && !c.GrantsAdmin)), options, checker => Run(checker, targets: null, edges));
        timings["wall: edges limited to some services"] = phase.ElapsedTicks;

        var toResources = all.Where(c => c.ReachesResources).ToList();
        if (resourceTargets.Count > 0 && toResources.Count > 0)
        {
            foreach (var edge in EdgesToResources())
            {
                edges.Add(edge);
            }
        }

        var nodes = estate.Accounts.SelectMany(account =>
            account.Users.Select(u => Node(u.Arn, PrincipalKind.HumanUser, u.Name, account.Id))
                .Concat(account.Roles.Select(r => Node(r.Arn, r.IsServiceLinked ? PrincipalKind.CloudService : PrincipalKind.Role, r.Name, account.Id)))
                .Concat(account.Groups.Select(g => Node(g.Arn, PrincipalKind.Group, g.Name, account.Id))))
            .Concat(resourceTargets.Select(arn => estate.ResourcePolicies[arn]).Select(r => new GraphNode(AwsEdgeContext.IdOf(r.Arn), PrincipalKind.Resource, CloudProvider.Aws, r.Name, r.Account)));
        // Parties outside the exported accounts that edges come from (other accounts, identity providers).
        var estateNodes = nodes.ToList();
        var inEstate = estateNodes.Select(n => n.Id).ToHashSet();
        // The resource phase finds again some lateral edges of the admin phase: each once.
        var unique = edges.DistinctBy(e => (e.From, e.To, e.Technique)).ToList();
        var knownAccounts = Queries.ProbeCallers.KnownAccounts(estate);
        var outside = unique.Select(e => e.From.Value).Where(id => !inEstate.Contains(new PrincipalId(id))).Distinct(StringComparer.Ordinal)
            .Select(id => OutsideParties.NodeOf(id, knownAccounts)).OfType<GraphNode>();
        var ordered = unique.OrderBy(e => e.From.Value, StringComparer.Ordinal).ThenBy(e => e.To.Value, StringComparer.Ordinal).ThenBy(e => e.Technique, StringComparer.Ordinal);
        return new AwsGraph(new EntitlementGraph(estateNodes.Concat(outside), ordered), verdicts.ToFrozenDictionary())
        {
            Targets = [.. (targets ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            AccountsReachingResource = AccountsReachingResources(context, resourceTargets, unique),
            Probes = context,
            Timings = [.. timings.OrderByDescending(t => t.Value).Select(t => (t.Key, Stopwatch.GetElapsedTime(0, t.Value)))],
        };

        // A principal is settled (no checker need look for more edges from it) once it certainly reaches the goal:
        // a certain edge to a principal that does. A certain edge to a principal that reaches it only under
        // conditions does not settle it: a longer path that needs none may exist, and paths prefer those.
        void Settle(IEnumerable<Edge> found, HashSet<string> certainlyReaching)
        {
            var certain = found.Where(e => !e.IsConditional).ToList();
            bool grew;
            do
            {
                grew = false;
                foreach (var edge in certain)
                {
                    if ((edge.GrantsAdmin || certainlyReaching.Contains(edge.To.Value)) && certainlyReaching.Add(edge.From.Value))
                    {
                        context.Settled.TryAdd(edge.From.Value, 0);
                        grew = true;
                    }
                }
            }
            while (grew);
        }

        // Per resource target, its own backwards search: a principal that reaches one resource (or admin) may need
        // other edges to reach another. Admins and principals settled by arbitrary permissions are sources here (the
        // admin phase skips them), and are restored for the analyses that share the context.
        List<Edge> EdgesToResources()
        {
            var found = new List<Edge>();
            var (savedAdmins, savedSettled) = (context.Admins, context.Settled.Keys.ToList());
            context.Admins = FrozenSet<PrincipalId>.Empty;
            try
            {
                foreach (var resource in resourceTargets)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    context.Settled.Clear();
                    var reachedResource = new HashSet<string>([resource], StringComparer.Ordinal);
                    var certainlyReachingResource = new HashSet<string>([resource], StringComparer.Ordinal);
                    var layer = new SortedSet<string>([resource], StringComparer.Ordinal);
                    var checkers = toResources;
                    var step = 0;
                    while (layer.Count > 0)
                    {
                        phase.Restart();
                        var inLayer = new ConcurrentBag<Edge>();
                        Parallel.ForEach(OneAtATime(checkers), options, checker => Run(checker, layer, inLayer));
                        var next = new SortedSet<string>(StringComparer.Ordinal);
                        foreach (var edge in inLayer)
                        {
                            found.Add(edge);
                            if (reachedResource.Add(edge.From.Value))
                            {
                                next.Add(edge.From.Value);
                            }
                        }

                        Settle(inLayer, certainlyReachingResource);

                        timings[$"wall: to {resource}, layer {++step} ({layer.Count} targets)"] = phase.ElapsedTicks;
                        (layer, checkers) = (next, lateral);
                    }
                }
            }
            finally
            {
                context.Admins = savedAdmins;
                context.Settled.Clear();
                foreach (var principal in savedSettled)
                {
                    context.Settled.TryAdd(principal, 0);
                }
            }

            return found;
        }

        void Run(IAwsEdgeChecker checker, IReadOnlySet<string>? targets, ConcurrentBag<Edge> found)
        {
            var started = Stopwatch.GetTimestamp();
            foreach (var edge in checker.Check(context, targets))
            {
                found.Add(edge);
            }

            timings.AddOrUpdate(checker.TechniqueId, Stopwatch.GetTimestamp() - started, (_, sum) => sum + Stopwatch.GetTimestamp() - started);
        }

        GraphNode Node(string arn, PrincipalKind kind, string name, string account) =>
            new(AwsEdgeContext.IdOf(arn), kind, CloudProvider.Aws, name, account) { AdminReason = verdicts.TryGetValue(AwsEdgeContext.IdOf(arn), out var v) ? v.Reason : null };
    }

    /// <summary>
    /// For each resource target, the accounts where arbitrary permissions reach it, among those where some principal
    /// can grant itself (or a principal it becomes) arbitrary permissions.
    /// </summary>
    private static FrozenDictionary<string, FrozenSet<string>> AccountsReachingResources(AwsEdgeContext context, List<string> resourceTargets, List<Edge> edges)
    {
        var accounts = edges.Where(e => e.GrantsAdmin).Select(e => AwsPrincipal.Parse(e.To.Value).Account).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return resourceTargets.ToFrozenDictionary(
            resource => resource,
            resource => accounts.Where(account => ResourceTargets.ArbitraryPermissionsAccess(context, account, context.Estate.ResourcePolicies[resource]).Length > 0).ToFrozenSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Checkers take from milliseconds to seconds: hand them out one at a time, so no core idles behind a range
    /// of slow ones (a list is otherwise split into fixed ranges up front).
    /// </summary>
    private static OrderablePartitioner<IAwsEdgeChecker> OneAtATime(IEnumerable<IAwsEdgeChecker> checkers) =>
        Partitioner.Create(checkers, EnumerablePartitionerOptions.NoBuffering);

    private static string RegionOf(AwsEstate estate, AwsPrincipal principal) =>
        estate.Roles.TryGetValue(principal.Value, out var role) && role.LastUsedRegion is { Length: > 0 } region ? region : DefaultRegion;
}
