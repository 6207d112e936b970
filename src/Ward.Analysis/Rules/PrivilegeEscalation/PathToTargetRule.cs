using Ward.Core.Model;

namespace Ward.Analysis.Rules.PrivilegeEscalation;

/// <summary>
/// <c>path-to-target</c>: for each principal named with <c>ward scan --target</c>, every other principal that can
/// become it, with the shortest path. An administrator of the target's account can become it too, so paths may end
/// at one. For a named resource, every principal that can read or write its data, directly, by rewriting its policy
/// or through a KMS grant, or by first becoming a principal that can: only the decided edges count, as a resource's
/// policy can keep its account's administrators out (a key policy that does not delegate to the account, a Deny).
/// </summary>
public sealed class PathToTargetRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "path-to-target",
        "Principal can reach a named target",
        "privilege-escalation",
        Severity.High,
        "The principal can become the principal named with `--target` (a crown-jewel role, a deployment user...), directly or through a chain of assumptions, credential takeovers and passed roles, or by becoming an administrator of the target's account; or it can read or write the data of the resource named with `--target` (a bucket, key, secret...), directly, by rewriting its policy or granting itself a key, or by first becoming a principal that can.",
        "Break the path at its first step: remove or constrain the permission it uses (resource ARNs, conditions, a permissions boundary or an SCP), or tighten the target's trust policy (a resource's policy).",
        ["aws"],
        ["https://pathfinding.cloud"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        var graph = context.Graph.Graph;
        foreach (var target in context.Graph.Targets)
        {
            if (!graph.Nodes.TryGetValue(new PrincipalId(target), out var targetNode))
            {
                continue;
            }

            // Arbitrary permissions, or being an administrator, in the target's account reach a principal target; a
            // resource through the edges decided on it, or arbitrary permissions in an account its policy lets in.
            var account = targetNode.Scope;
            var isResource = targetNode.Kind == PrincipalKind.Resource;
            var reaching = context.Graph.AccountsReachingResource.GetValueOrDefault(target) ?? [];
            var paths = isResource
                ? graph.ShortestPathsTo(node => node.Id == targetNode.Id, edge => graph.Nodes.TryGetValue(edge.To, out var to) && to.Scope is { } scope && reaching.Contains(scope))
                : graph.ShortestPathsTo(
                    node => node.Id == targetNode.Id || (node.IsAdmin && node.Scope == account),
                    edge => graph.Nodes.TryGetValue(edge.To, out var to) && to.Scope == account);
            foreach (var (principal, path) in paths.OrderBy(p => p.Key.Value, StringComparer.Ordinal))
            {
                var node = graph.Nodes[principal];
                if (node.Kind is PrincipalKind.Group or PrincipalKind.CloudService || path.IsEmpty)
                {
                    continue;
                }

                var conditional = path.Any(e => e.IsConditional);
                var end = graph.Nodes[path[^1].To];
                var via = end.Id == targetNode.Id ? string.Empty
                    : isResource ? $", then with arbitrary permissions in account {end.Scope} it reaches `{targetNode.Label}` (its policy lets that account's principals in)"
                    : path[^1].GrantsAdmin ? $", then with arbitrary permissions in account {account} it can act as `{targetNode.Label}`"
                    : $", an administrator of account {account}, who can act as `{targetNode.Label}`";
                yield return new Finding
                {
                    RuleId = Metadata.Id,
                    Category = Metadata.Category,
                    Severity = conditional ? Severity.Medium : Metadata.DefaultSeverity,
                    Provider = "aws",
                    Account = node.Scope,
                    Principal = principal.Value,
                    Title = $"`{node.Label}` can reach `{targetNode.Label}` in {path.Length} step{(path.Length == 1 ? string.Empty : "s")}",
                    Explanation = $"{string.Join("; then ", path.Select(e => $"`{graph.Nodes[e.From].Label}` {e.Description}"))}{via}."
                        + ConditionalSteps.Note(path),
                    Path = [.. path.Select(e => PathStep.Of(graph, e))],
                    Remediation = Metadata.Remediation,
                    References = Metadata.References,
                    Fingerprint = Finding.FingerprintOf(Metadata.Id, principal.Value, target, string.Join(">", path.Select(e => e.Technique))),
                };
            }
        }
    }

}
