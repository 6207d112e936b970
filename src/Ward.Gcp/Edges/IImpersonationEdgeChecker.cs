using Ward.Core.Graph;

namespace Ward.Gcp.Edges;

/// <summary>
/// A technique by which a principal acts as a service account with permissions on the account alone (its allow policy,
/// tokens, signatures, keys, delegation), with no resource to deploy.
/// </summary>
public interface IImpersonationEdgeChecker : IGcpEdgeChecker
{
    /// <summary>
    /// The edges <see cref="IGcpEdgeChecker.Check"/> gives towards every service account, from service accounts only:
    /// the same edges, without asking the evaluator about the people and groups an organization's policies name.
    /// </summary>
    IEnumerable<Edge> CheckFromServiceAccounts(GcpEdgeContext context);
}
