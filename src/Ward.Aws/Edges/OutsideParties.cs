using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Syntax;
using Ward.Aws.Trust;
using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Core.Model;

namespace Ward.Aws.Edges;

/// <summary>
/// Parties outside the exported accounts that role trust policies let in: other accounts and their principals, any
/// AWS account (<c>*</c>), and identity providers (OIDC, SAML); and, for resources named as targets, anonymous
/// callers. They become graph nodes so that paths from outside
/// the estate to its administrators are found like any other.
/// </summary>
public static class OutsideParties
{
    /// <summary>The node id of <c>*</c> in a trust policy: any AWS principal of any account.</summary>
    public const string Everyone = "*";

    /// <summary>The node id of callers without AWS credentials, whom a resource policy open to <c>*</c> lets in.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>Whether a node id is an organization's (<c>o-…</c>): every principal of an organization other than the exported one.</summary>
    public static bool IsOrganization(string id) => id.StartsWith("o-", StringComparison.Ordinal);

    /// <summary>
    /// The graph node of a trusted party that is not a principal of the estate (its node id as <see cref="NodeIdOf"/>
    /// gives it); null for an id that names no such party.
    /// </summary>
    public static GraphNode? NodeOf(string id, IReadOnlySet<string> knownAccounts)
    {
        if (id == Anonymous)
        {
            return new GraphNode(new PrincipalId(id), PrincipalKind.Anonymous, CloudProvider.Aws, "anyone, without AWS credentials", null);
        }

        if (id == Everyone)
        {
            return new GraphNode(new PrincipalId(id), PrincipalKind.ExternalPrincipal, CloudProvider.Aws, "any AWS principal (every account)", null);
        }

        if (IsOrganization(id))
        {
            return new GraphNode(new PrincipalId(id), PrincipalKind.ExternalPrincipal, CloudProvider.Aws, $"any principal of organization {id} (not the exported organization)", null);
        }

        var principal = AwsPrincipal.Parse(id);
        var where = principal.Account is not { } account ? string.Empty
            : knownAccounts.Contains(account) ? $" (account {account}, not exported)" : $" (external account {account})";
        return principal.Type switch
        {
            AwsPrincipalType.WebIdentity when id.Contains(":saml-provider/", StringComparison.Ordinal) =>
                new GraphNode(new PrincipalId(id), PrincipalKind.FederatedPrincipal, CloudProvider.Aws, $"SAML provider {id[(id.LastIndexOf('/') + 1)..]}", principal.Account),
            AwsPrincipalType.WebIdentity when id.Contains(":oidc-provider/", StringComparison.Ordinal) || !id.StartsWith("arn:", StringComparison.Ordinal) =>
                new GraphNode(new PrincipalId(id), PrincipalKind.FederatedPrincipal, CloudProvider.Aws, $"OIDC provider {ProviderName(id)}", principal.Account),
            AwsPrincipalType.AccountRoot => new GraphNode(new PrincipalId(id), PrincipalKind.ExternalPrincipal, CloudProvider.Aws, $"any principal{where}", principal.Account),
            AwsPrincipalType.Anonymous or AwsPrincipalType.Service => null,
            _ => new GraphNode(new PrincipalId(id), PrincipalKind.ExternalPrincipal, CloudProvider.Aws, $"{principal.Name ?? id}{where}", principal.Account),
        };
    }

    /// <summary>
    /// The node id of a trusted party outside the graph's principals, or null when it is one of them (its own edges
    /// cover it), or names nobody who can sign in (a deleted principal's unique id, a service).
    /// </summary>
    public static string? NodeIdOf(RoleTrust trust, AwsEstate estate)
    {
        switch (trust.Kind)
        {
            case TrustedPartyKind.Everyone:
                return Everyone;
            case TrustedPartyKind.Organization:
                return trust.Party;
            case TrustedPartyKind.OidcProvider or TrustedPartyKind.SamlProvider:
                return trust.Party;
            case TrustedPartyKind.Account:
                return trust.PartyAccount is { } account && !estate.Accounts.Any(a => a.Id == account) ? $"arn:aws:iam::{account}:root" : null;
            default:
                var principal = AwsPrincipal.Parse(trust.Party);
                return trust.Party.StartsWith("arn:", StringComparison.Ordinal) && principal.Account is { } owner && principal.Type != AwsPrincipalType.WebIdentity
                    && !estate.Accounts.Any(a => a.Id == owner) ? trust.Party : null;
        }
    }

    /// <summary>The edge from the party to the role it may assume, carrying the trust statement; null when it may not.</summary>
    public static Edge? EdgeOf(string technique, string from, RoleTrust trust, Decision decision, string description, IEnumerable<string> requirements) =>
        GrantedBy(AwsEdgeContext.EdgeIf(technique, from, trust.Role.Arn, description, grantsAdmin: false, (trust.ProbeAction, trust.Role.Arn, decision)), $"trust policy of role {trust.Role.Name}", trust.Statement) is { } edge
            ? edge with { Requirements = [.. edge.Requirements, .. requirements] }
            : null;

    /// <summary>
    /// The edge (null stays null) with every permission granted by the resource-side statement: an outside party's own
    /// side is whatever it chooses, so the grant that matters is the trust or resource policy's.
    /// </summary>
    public static Edge? GrantedBy(Edge? edge, string policy, Statement statement) =>
        edge is null ? null : edge with
        {
            Permissions = [.. edge.Permissions.Select(p => p with
            {
                GrantedBy = $"{policy}, statement {statement.DisplayName}",
                Conditions = [.. statement.Conditions.Select(c => c.ToString())],
            })],
        };

    private static string ProviderName(string provider)
    {
        var marker = provider.IndexOf(":oidc-provider/", StringComparison.Ordinal);
        return marker >= 0 ? provider[(marker + ":oidc-provider/".Length)..] : provider;
    }
}
