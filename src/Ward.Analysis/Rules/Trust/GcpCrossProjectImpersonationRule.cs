using System.Globalization;
using System.Text;
using Ward.Core.Graph;
using Ward.Gcp.Edges;
using Ward.Gcp.Iam;

namespace Ward.Analysis.Rules.Trust;

/// <summary>
/// <c>gcp-cross-project-impersonation</c>: a service account of one project (a user-managed or default account, the
/// legacy Cloud Build account, a Kubernetes service account of the project's clusters) can act as a service account of
/// another project with permissions on that account alone (<see cref="GcpAnalysisContext.Impersonations"/>: token
/// creation, signing, key creation, its allow policy, implicit delegation). One finding per source account and target
/// project, listing the accounts; high when one of them is owner-equivalent, medium otherwise, one level lower when
/// every edge hangs on a condition Ward could not decide. Google's service agents are not sources: they act for
/// Google, as their roles are meant to let them.
/// </summary>
public sealed class GcpCrossProjectImpersonationRule : IRule
{
    [ThreadStatic]
    private static StringBuilder? t_explanation;

    public RuleMetadata Metadata { get; } = new(
        "gcp-cross-project-impersonation",
        "Service account that can act as another project's service account",
        "trust",
        Severity.Medium,
        "A service account of one project can act as a service account of another project: create its access tokens, sign as it, create keys for it, change its allow policy, or do so through a delegate. Whoever controls the first project (its owners, its deployers, whatever runs as its account) reaches into the second, across the boundary projects are meant to draw.",
        "Remove the grant unless a workload of the first project must act as that account; then grant Service Account Token Creator on that one account (not on its project or folder), and keep those who control the first project to people trusted with the second. Where the workload can move, run it in the target account's project with the account attached.",
        ["gcp"],
        ["https://cloud.google.com/iam/docs/service-account-impersonation", "https://cloud.google.com/iam/docs/best-practices-service-accounts"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Gcp is not { } gcp)
        {
            return [];
        }

        // On every core, in order: an organization has 100,000s of impersonation edges, and this rule waits for all of
        // them (it runs last, often alone).
        var crossings = gcp.Impersonations.AsParallel().AsOrdered()
            .Select(edge => Crossing(gcp, edge))
            .Where(c => c is not null)
            .Select(c => c!.Value)
            .ToList();
        return crossings.GroupBy(c => (c.Source, c.Target.Name)).OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Name, StringComparer.Ordinal)
            .AsParallel().AsOrdered()
            .Select(group => Judge(gcp, group))
            .ToList();
    }

    /// <summary>The edge as a crossing from its source's project into another project's service account, or null when it stays inside one (or comes from a Google agent or a disabled account).</summary>
    private static (string Source, string SourceProject, HierarchyNode Target, Edge Edge)? Crossing(GcpAnalysisContext gcp, Edge edge) =>
        GcpPrincipals.ServiceAccountEmail(edge.From.Value) is not { } source || GcpPrincipals.IsGoogleServiceAgent(source)
            || gcp.Estate.FindServiceAccount(source) is { Disabled: true }
            || GcpPrincipals.ServiceAccountEmail(edge.To.Value) is not { } target || gcp.Edges.ProjectOfServiceAccount(target) is not { } targetProject
            || Home(gcp, source) is not { } home || home.Key == targetProject.Name
            ? null
            : (edge.From.Value, home.Label, targetProject, edge);

    private Finding Judge(GcpAnalysisContext gcp, IGrouping<(string Source, string Name), (string Source, string SourceProject, HierarchyNode Target, Edge Edge)> group)
    {
        var first = group.First();
        var project = OwnerEquivalence.Label(first.Target);
        var accounts = group.Select(c => c.Edge.To.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var owners = accounts.Select(a => (Account: a, Reason: gcp.Graph.Node(a)?.AdminReason)).Where(a => a.Reason is not null).ToList();
        var conditional = group.All(c => c.Edge.IsConditional);
        var severity = owners.Count > 0 ? Severity.High : Severity.Medium;
        // Per account: what the first technique does and the binding it relies on, then the other techniques.
        var byAccount = group.GroupBy(c => c.Edge.To.Value, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        // Written once into one buffer: 40,000 findings on an organization, some explanations long, each was copied for
        // every part joined. The buffer is kept by each thread: most explanations are a thousand characters or more.
        var explanation = t_explanation ??= new StringBuilder(4096);
        explanation.Clear();
        explanation.Append(CultureInfo.InvariantCulture, $"`{first.Source}` belongs to `{first.SourceProject}`, and in `{project}`: ");
        for (var i = 0; i < Math.Min(5, byAccount.Count); i++)
        {
            if (i > 0)
            {
                explanation.Append("; ");
            }

            AppendStep(explanation, byAccount[i]);
        }

        if (byAccount.Count > 5)
        {
            explanation.Append(CultureInfo.InvariantCulture, $"; and {byAccount.Count - 5} more");
        }

        explanation.Append('.');
        foreach (var (account, reason) in owners)
        {
            explanation.Append(CultureInfo.InvariantCulture, $" `{account}` {reason}.");
        }

        if (conditional)
        {
            explanation.Append(" Every step hangs on a condition Ward could not decide, so the finding is one level lower.");
        }

        return new Finding
        {
            RuleId = Metadata.Id,
            Category = Metadata.Category,
            Severity = conditional ? GcpRoles.Lower(severity) : severity,
            Provider = "gcp",
            Account = project,
            Principal = first.Source,
            Title = accounts.Count == 1
                ? $"`{first.Source}` of `{first.SourceProject}` can act as `{GcpPrincipals.ServiceAccountEmail(accounts[0])}` of `{project}`"
                : $"`{first.Source}` of `{first.SourceProject}` can act as {accounts.Count} service accounts of `{project}`",
            Explanation = Written(explanation),
            Remediation = Metadata.Remediation,
            References = Metadata.References,
            Fingerprint = Finding.FingerprintOf(Metadata.Id, first.Source, first.Target.Name),
        };
    }

    /// <summary>The text of the thread's buffer; a buffer grown past 64K characters (a very long explanation) is not kept.</summary>
    private static string Written(StringBuilder explanation)
    {
        var text = explanation.ToString();
        if (explanation.Capacity > 1 << 16)
        {
            t_explanation = null;
        }

        return text;
    }

    /// <summary>What the account's first technique does and the bindings it relies on (with the requirements when every technique hangs on some), then the other techniques.</summary>
    private static void AppendStep(StringBuilder explanation, IGrouping<string, (string Source, string SourceProject, HierarchyNode Target, Edge Edge)> account)
    {
        var edges = account.Select(c => c.Edge).OrderBy(e => e.Technique, StringComparer.Ordinal).ToList();
        explanation.Append(CultureInfo.InvariantCulture, $"it {edges[0].Description} ({edges[0].Technique}: ").AppendJoin("; ", edges[0].Permissions.Select(p => p.GrantedBy));
        if (edges.TrueForAll(e => e.IsConditional))
        {
            explanation.Append("; only if ").AppendJoin("; ", edges.SelectMany(e => e.Requirements).Distinct(StringComparer.Ordinal));
        }

        explanation.Append(')');
        var others = edges.Skip(1).Select(e => e.Technique).Distinct(StringComparer.Ordinal).ToList();
        if (others.Count > 0)
        {
            explanation.Append(", or by ").AppendJoin(", ", others);
        }
    }

    /// <summary>The project a source account belongs to: its key for comparison (the full name of an exported project, else the project as the email names it) and its label.</summary>
    private static (string Key, string Label)? Home(GcpAnalysisContext gcp, string email)
    {
        var named = GcpPrincipals.ProjectOfEmail(email);
        var node = gcp.Edges.ProjectOfServiceAccount(email) ?? (named is null ? null : gcp.Edges.FindProject("projects/" + named));
        return node is not null ? (node.Name, OwnerEquivalence.Label(node))
            : named is not null ? ("projects/" + named, "projects/" + named)
            : null;
    }
}
