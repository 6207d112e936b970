using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Gcp.Edges;

namespace Ward.Analysis.Rules.PrivilegeEscalation;

/// <summary>
/// <c>privilege-escalation</c> on a Google Cloud estate: one finding per principal (a group, domain or public member
/// standing for its members) that can become owner-equivalent of an organization, folder or project it is not
/// already owner-equivalent of, for the highest such container, with the shortest path. Google's service agents are
/// not reported: they act for Google's services, and a customer who can make a service act as one has a path of its own.
/// </summary>
public static class GcpPrivilegeEscalation
{
    private static readonly RuleMetadata Rule = new PrivilegeEscalationRule().Metadata;

    public static IEnumerable<Finding> Findings(GcpAnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var gcp = context.Graph;
        var graph = gcp.Graph;
        // A path from one of Google's service agents is Google's service doing its work; whoever can set it to work has the path itself.
        foreach (var escalation in gcp.Escalations().Where(e => GcpPrincipals.ServiceAccountEmail(e.Principal) is not { } email || !GcpPrincipals.IsGoogleServiceAgent(email)))
        {
            var node = graph.Nodes[new PrincipalId(escalation.Principal)];
            var path = escalation.Path;
            var last = path[^1];
            var container = OwnerEquivalence.Label(escalation.Container);
            var target = graph.Nodes[last.To];
            var ending = last.GrantsAdmin
                ? $"ends owner-equivalent of `{container}`"
                : $"becomes `{target.Label}`, which {(gcp.OwnerEquivalenceOf(target.Id.Value, escalation.Container.Name) is { } grantedBy ? OwnerEquivalence.Sentence(escalation.Container, grantedBy) : target.AdminReason)}";
            var conditional = escalation.IsConditional;
            var severity = conditional ? Severity.Medium : path.Length == 1 ? Severity.Critical : Severity.High;
            var defaults = path.Select(e => e.To.Value).Distinct(StringComparer.Ordinal)
                .Select(to => GcpPrincipals.ServiceAccountEmail(to) is { } email && context.Edges.DefaultAccountNote(email) is { } note ? $" `{email}` is {note}: Google grants it when the API is enabled, unless an organization policy stops it, and every principal that can act as it gets Editor's rights." : null)
                .OfType<string>();
            yield return new Finding
            {
                RuleId = Rule.Id,
                Category = Rule.Category,
                Severity = severity,
                Provider = "gcp",
                Account = container,
                Principal = escalation.Principal,
                Title = $"`{node.Label}` can become owner-equivalent of `{container}` in {path.Length} step{(path.Length == 1 ? string.Empty : "s")}",
                Explanation = $"`{node.Label}` is not owner-equivalent of `{container}`, but {string.Join("; then ", path.Select(e => Describe(graph, e)))}; so it {ending}."
                    + StandsFor(node)
                    + string.Concat(defaults)
                    + ConditionalSteps.Note(path),
                Path = [.. path.Select(e => PathStep.Of(graph, e))],
                Remediation = GcpTechniqueCatalog.All.TryGetValue(path[0].Technique, out var technique) ? technique.Remediation : Rule.Remediation,
                References = [.. path.Select(e => e.Technique).Distinct(StringComparer.Ordinal).SelectMany(t => GcpTechniqueCatalog.All.TryGetValue(t, out var known) ? known.References.Take(1) : [])],
                Fingerprint = Finding.FingerprintOf(Rule.Id, escalation.Principal, escalation.Container.Name, string.Join(">", path.Select(e => e.Technique))),
            };
        }
    }

    private static string Describe(EntitlementGraph graph, Edge edge) => $"`{graph.Nodes[edge.From].Label}` {edge.Description}";

    /// <summary>For a principal that is a set of others: whom the finding is about.</summary>
    private static string StandsFor(GraphNode node) => node.Kind switch
    {
        PrincipalKind.Group => $" `{node.Label}` stands for its members (memberships are not exported): each of them can do this.",
        PrincipalKind.Anonymous => " `allUsers` is anyone on the internet, signed in or not.",
        PrincipalKind.ExternalPrincipal when node.Label == "allAuthenticatedUsers" => " `allAuthenticatedUsers` is anyone with a Google account or a service account, in any organization.",
        _ => string.Empty,
    };
}
