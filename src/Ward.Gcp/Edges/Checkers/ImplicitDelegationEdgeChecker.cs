using System.Collections.Immutable;
using Ward.Core.Graph;
using Ward.Gcp.Policy.Evaluation;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-sa-implicit-delegation</c>: a principal allowed <c>iam.serviceAccounts.implicitDelegation</c> on an
/// intermediate service account names it as a delegate, and the credentials API issues a token of, or signs a JWT or
/// a blob as, every account the intermediate may do so for (<c>iam.serviceAccounts.getAccessToken</c>,
/// <c>signJwt</c>, <c>signBlob</c>: each request takes <c>delegates</c>). The edge goes from the principal to that
/// account, not to the intermediate: delegation lends the intermediate's token-creating rights, nothing else.
/// One intermediate per edge; longer delegation chains are not followed.
/// </summary>
public sealed class ImplicitDelegationEdgeChecker : IImpersonationEdgeChecker
{
    private const string Delegate = "iam.serviceAccounts.implicitDelegation";
    private const string GetAccessToken = "iam.serviceAccounts.getAccessToken";

    /// <summary>What the intermediate may do for the account, best first, and what the principal then does through it.</summary>
    private static readonly (string Permission, string Does)[] Lent =
    [
        (GetAccessToken, "gets one"),
        ("iam.serviceAccounts.signJwt", "signs a JWT as it, which Google APIs accept as the account,"),
        ("iam.serviceAccounts.signBlob", "signs a JWT assertion with its Google-managed key, exchanges it for an access token"),
    ];

    public string TechniqueId => "gcp-sa-implicit-delegation";

    public bool GrantsAdmin => false;

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

    /// <param name="context">The estate and its evaluator.</param>
    /// <param name="targets">The accounts the edges must lead to; null: every account.</param>
    /// <param name="holders">Who-can on a delegate: everyone, or service accounts only.</param>
    private IEnumerable<Edge> Edges(GcpEdgeContext context, IReadOnlySet<string>? targets, Func<string, GcpResource, ImmutableArray<PrincipalDecision>> holders)
    {
        foreach (var account in context.ServiceAccounts.Where(a => targets is null || targets.Contains(a)))
        {
            var email = GcpPrincipals.ServiceAccountEmail(account)!;
            if (context.ServiceAccountResource(email) is not { } resource)
            {
                continue;
            }

            // Each intermediate once, through the best right it has on the account.
            var intermediates = Lent
                .SelectMany(lent => context.ServiceAccountsWhoCan(lent.Permission, resource).Where(h => h.Principal != account).Select(h => (Intermediate: h, lent.Permission, lent.Does)))
                .DistinctBy(i => i.Intermediate.Principal, StringComparer.Ordinal);
            foreach (var (intermediate, permission, does) in intermediates)
            {
                var intermediateEmail = GcpPrincipals.ServiceAccountEmail(intermediate.Principal)!;
                if (context.ServiceAccountResource(intermediateEmail) is not { } intermediateResource)
                {
                    continue;
                }

                foreach (var holder in holders(Delegate, intermediateResource).Where(h => h.Principal != account && h.Principal != intermediate.Principal))
                {
                    var rights = permission == GetAccessToken ? "right to create tokens of" : $"right to `{permission["iam.serviceAccounts.".Length..]}` as";
                    var description = $"names `{intermediateEmail}` as a delegate and, through its {rights} {context.Describe(email)}, {does} and acts as it";
                    if (context.EdgeIf(TechniqueId, holder.Principal, account, description, [new EdgeStep(Delegate, intermediateResource.Name, holder.Decision), new EdgeStep(permission, resource.Name, intermediate.Decision)]) is { } edge)
                    {
                        yield return edge;
                    }
                }
            }
        }
    }
}
