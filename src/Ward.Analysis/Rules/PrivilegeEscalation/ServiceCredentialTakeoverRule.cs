using Ward.Core.Model;

namespace Ward.Analysis.Rules.PrivilegeEscalation;

/// <summary>
/// <c>service-credential-takeover</c>: a principal that can obtain another user's service-specific credential
/// (<c>ward-iam-service-credential</c>) acts as that user in one service. Not an escalation to admin (the credential
/// works nowhere else, so <c>privilege-escalation</c> paths never go through it): one finding per principal, about the
/// worst target, high when the target is admin-equivalent. Principals that could become admin whenever the
/// credential can be had are left to <c>privilege-escalation</c>.
/// </summary>
public sealed class ServiceCredentialTakeoverRule : IRule
{
    private const string Technique = "ward-iam-service-credential";

    public RuleMetadata Metadata { get; } = new(
        "service-credential-takeover",
        "Principal can act as another user in some services",
        "privilege-escalation",
        Severity.High,
        "The principal can create or reset a service-specific credential (a CodeCommit Git password, an Amazon Keyspaces password, an Amazon Bedrock API key) of another IAM user, and with it act as that user in that service: read and push its repositories, query its tables, invoke models on its account.",
        "Allow iam:CreateServiceSpecificCredential and iam:ResetServiceSpecificCredential only on the caller's own user (arn:aws:iam::*:user/${aws:username}), and limit the services with the iam:ServiceSpecificCredentialServiceName condition key.",
        ["aws"],
        [
            "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateServiceSpecificCredential.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_service-specific-creds.html",
        ]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        var graph = context.Graph.Graph;
        var escalations = graph.ShortestPathsTo(node => node.IsAdmin);
        var bySource = graph.Edges.Where(e => e.Technique == Technique && e.IsLimitedToServices).GroupBy(e => e.From);
        foreach (var edges in bySource.OrderBy(g => g.Key.Value, StringComparer.Ordinal))
        {
            var node = graph.Nodes[edges.Key];
            if (node.Kind is PrincipalKind.Group or PrincipalKind.CloudService)
            {
                continue;
            }

            // The worst target: an administrator first, then a certain edge, then by name.
            var edge = edges.OrderBy(e => graph.Nodes[e.To].IsAdmin ? 0 : 1).ThenBy(e => e.IsConditional ? 1 : 0).ThenBy(e => e.To.Value, StringComparer.Ordinal).First();
            var target = graph.Nodes[edge.To];

            // Whenever the credential can be had, a principal with a path to admin under no other condition could
            // become admin instead: privilege-escalation reports it, and this would add nothing.
            if (escalations.TryGetValue(edge.From, out var path) && !path.IsEmpty
                && path.SelectMany(e => e.Requirements.IsDefault ? [] : e.Requirements).All(r => edge.Requirements.Contains(r, StringComparer.Ordinal)))
            {
                continue;
            }

            var severity = (target.IsAdmin, edge.IsConditional) switch
            {
                (true, false) => Severity.High,
                (true, true) or (false, false) => Severity.Medium,
                _ => Severity.Low,
            };
            var services = string.Join(", ", edge.LimitedToServices);
            var reach = target.IsAdmin
                ? $"`{target.Label}` is admin-equivalent ({target.AdminReason}), so the credential holds all of that service's permissions"
                : $"`{target.Label}`'s own permissions allow actions in that service";
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = severity,
                Provider = "aws",
                Account = node.Scope,
                Principal = edge.From.Value,
                Title = $"`{node.Label}` can act as `{target.Label}` in {services}",
                Explanation = $"`{node.Label}` {edge.Description}; {reach}. It does not become `{target.Label}` elsewhere."
                    + (edge.IsConditional ? " The step holds only under conditions Ward could not decide (see its requirements)." : string.Empty),
                Path = [PathStep.Of(graph, edge)],
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, edge.From.Value, edge.To.Value, services),
            };
        }
    }
}
