using System.Collections.Immutable;
using Ward.Core.Graph;
using Ward.Gcp.Policy.Evaluation;

namespace Ward.Gcp.Edges;

/// <summary>
/// The techniques where one permission on a service account makes its holder the account: every principal the
/// evaluator does not deny the permission on the account (its own allow policy, its project's, folders' and
/// organization's) gets an edge to it, conditional when the grant is, unless the organization policies enforced on the
/// account's project stop it (<see cref="Gate"/>).
/// </summary>
public abstract class ServiceAccountPermissionEdgeChecker : IImpersonationEdgeChecker
{
    public abstract string TechniqueId { get; }

    public bool GrantsAdmin => false;

    /// <summary>The permission on the service account.</summary>
    protected abstract string Permission { get; }

    /// <summary>Whether some organization policy constraint may stop the technique (then <see cref="Gate"/> is asked).</summary>
    protected virtual bool IsGated => false;

    /// <summary>The edge as the organization policies enforced on the account's project leave it (null: stopped).</summary>
    protected virtual Edge? Gate(GcpEdgeContext context, Edge edge, Iam.HierarchyNode project) => edge;

    /// <summary>What the holder does, for the edge's description, given how the account is named.</summary>
    protected abstract string Does(string account);

    public IEnumerable<Edge> Check(GcpEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Edges(context, targets, context.WhoCan);
    }

    public IEnumerable<Edge> CheckFromServiceAccounts(GcpEdgeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Edges(context, targets: null, context.ServiceAccountsWhoCan);
    }

    private IEnumerable<Edge> Edges(GcpEdgeContext context, IReadOnlySet<string>? targets, Func<string, GcpResource, ImmutableArray<PrincipalDecision>> whoCan)
    {
        foreach (var account in context.ServiceAccounts.Where(a => targets is null || targets.Contains(a)))
        {
            var email = GcpPrincipals.ServiceAccountEmail(account)!;
            if (context.ServiceAccountResource(email) is not { } resource)
            {
                continue;
            }

            var project = !IsGated || !context.Estate.OrgPoliciesExported ? null : context.ProjectOfServiceAccount(email);
            string? description = null;
            foreach (var holder in whoCan(Permission, resource).Where(h => h.Principal != account))
            {
                description ??= Does(context.Describe(email));
                var edge = context.EdgeIf(TechniqueId, holder.Principal, account, description, [new EdgeStep(Permission, resource.Name, holder.Decision)]);
                if (edge is not null && project is not null)
                {
                    edge = Gate(context, edge, project);
                }

                if (edge is not null)
                {
                    yield return edge;
                }
            }
        }
    }
}
