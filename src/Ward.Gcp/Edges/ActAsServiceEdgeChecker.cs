using System.Collections.Immutable;
using Ward.Core.Graph;

namespace Ward.Gcp.Edges;

/// <summary>
/// The techniques that run one's code as a service account through a Google Cloud service: the principal needs
/// <c>iam.serviceAccounts.actAs</c> on the account and the service's permissions in the account's own project (where
/// Google lets a resource run as it unless cross-project use is allowed, which Ward does not assume). Each way of
/// doing it is a set of project permissions, tried in order; a way that needs a resource Ward cannot see (an existing
/// function to update) makes the edge conditional on it.
/// </summary>
public abstract class ActAsServiceEdgeChecker : IGcpEdgeChecker
{
    protected const string ActAs = "iam.serviceAccounts.actAs";

    public abstract string TechniqueId { get; }

    public bool GrantsAdmin => false;

    /// <summary>The ways, in order of preference: the project permissions each needs, and what must exist for it (null: nothing).</summary>
    protected abstract ImmutableArray<(ImmutableArray<string> Permissions, string? Needs)> Ways { get; }

    /// <summary>What the holder does, for the edge's description, given how the account and the project are named.</summary>
    protected abstract string Does(string account, string project);

    public virtual IEnumerable<Edge> Check(GcpEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var account in context.ServiceAccounts.Where(a => targets is null || targets.Contains(a)))
        {
            var email = GcpPrincipals.ServiceAccountEmail(account)!;
            if (context.ProjectOfServiceAccount(email) is not { } project || context.ContainerResource(project) is not { } projectResource
                || context.ServiceAccountResource(email) is not { } resource)
            {
                continue;
            }

            var projectName = OwnerEquivalence.Label(project);
            foreach (var holder in context.WhoCan(ActAs, resource).Where(h => h.Principal != account))
            {
                foreach (var (permissions, needs) in Ways)
                {
                    var steps = permissions.Select(p => new EdgeStep(p, projectName, context.Authorize(holder.Principal, p, projectResource))).Prepend(new EdgeStep(ActAs, resource.Name, holder.Decision));
                    if (GcpEdgeContext.EdgeIf(TechniqueId, holder.Principal, account, Does(context.Describe(email), projectName), steps) is { } edge)
                    {
                        yield return needs is null ? edge : edge with { Requirements = edge.Requirements.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, needs, projectName)) };
                        break;
                    }
                }
            }
        }
    }
}
