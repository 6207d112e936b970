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
/// </remarks>
public static class AwsGraphBuilder
{
    /// <summary>The region probes use when a principal's usage names none.</summary>
    public const string DefaultRegion = "us-east-1";

    /// <param name="estate">The estate.</param>
    /// <param name="asOf">The reference time of every decision.</param>
    /// <param name="checkers">The techniques (default: all).</param>
    /// <param name="targets">Principals (ARNs) to find paths to besides the admins (<c>ward scan --target</c>).</param>
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
        var reached = new HashSet<string>(admins.Select(a => a.Value).Concat(targets ?? []), StringComparer.Ordinal);

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
                if (!edge.IsConditional)
                {
                    context.Settled.TryAdd(edge.From.Value, 0);
                }
            }

            timings[$"wall: rewriting {name}"] = phase.ElapsedTicks;
        }

        // Lateral moves, backwards from what leads to admin.
        var frontier = reached.ToFrozenSet(StringComparer.Ordinal);
        var lateral = all.Where(c => !c.GrantsAdmin && !c.LimitsServices).ToList();
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

                if (!edge.IsConditional)
                {
                    context.Settled.TryAdd(edge.From.Value, 0);
                }
            }

            frontier = next.ToFrozenSet(StringComparer.Ordinal);
            timings[$"wall: lateral layer {++depth} ({layer.Count} targets)"] = phase.ElapsedTicks;
        }

        // Edges limited to some services end no path and lead nowhere further: found once, against every target,
        // from the principals that have not already reached admin.
        phase.Restart();
        Parallel.ForEach(OneAtATime(all.Where(c => c.LimitsServices && !c.GrantsAdmin)), options, checker => Run(checker, targets: null, edges));
        timings["wall: edges limited to some services"] = phase.ElapsedTicks;

        var nodes = estate.Accounts.SelectMany(account =>
            account.Users.Select(u => Node(u.Arn, PrincipalKind.HumanUser, u.Name, account.Id))
                .Concat(account.Roles.Select(r => Node(r.Arn, r.IsServiceLinked ? PrincipalKind.CloudService : PrincipalKind.Role, r.Name, account.Id)))
                .Concat(account.Groups.Select(g => Node(g.Arn, PrincipalKind.Group, g.Name, account.Id))));
        // Parties outside the exported accounts that edges come from (other accounts, identity providers).
        var estateNodes = nodes.ToList();
        var inEstate = estateNodes.Select(n => n.Id).ToHashSet();
        var outside = edges.Select(e => e.From.Value).Where(id => !inEstate.Contains(new PrincipalId(id))).Distinct(StringComparer.Ordinal)
            .Select(id => OutsideParties.NodeOf(id, estate)).OfType<GraphNode>();
        var ordered = edges.OrderBy(e => e.From.Value, StringComparer.Ordinal).ThenBy(e => e.To.Value, StringComparer.Ordinal).ThenBy(e => e.Technique, StringComparer.Ordinal);
        return new AwsGraph(new EntitlementGraph(estateNodes.Concat(outside), ordered), verdicts.ToFrozenDictionary())
        {
            Targets = [.. (targets ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Probes = context,
            Timings = [.. timings.OrderByDescending(t => t.Value).Select(t => (t.Key, Stopwatch.GetElapsedTime(0, t.Value)))],
        };

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
    /// Checkers take from milliseconds to seconds: hand them out one at a time, so no core idles behind a range
    /// of slow ones (a list is otherwise split into fixed ranges up front).
    /// </summary>
    private static OrderablePartitioner<IAwsEdgeChecker> OneAtATime(IEnumerable<IAwsEdgeChecker> checkers) =>
        Partitioner.Create(checkers, EnumerablePartitionerOptions.NoBuffering);

    private static string RegionOf(AwsEstate estate, AwsPrincipal principal) =>
        estate.Roles.TryGetValue(principal.Value, out var role) && role.LastUsedRegion is { Length: > 0 } region ? region : DefaultRegion;
}
