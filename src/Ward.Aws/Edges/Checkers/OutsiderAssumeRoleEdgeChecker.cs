using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Queries;
using Ward.Aws.Trust;
using Ward.Core.Graph;

namespace Ward.Aws.Edges.Checkers;

/// <summary>
/// <c>ward-sts-outsider</c>: a party outside the exported accounts (another account, a principal of one, any AWS
/// account through <c>*</c>, or every principal of another organization through <c>*</c> narrowed by
/// <c>aws:PrincipalOrgID</c>) assumes a role whose trust policy lets it in.
/// </summary>
/// <remarks>
/// The party's own policies are its administrators' choice, so they are taken as allowing: only the trust policy
/// (and RCPs) decide, for a caller of that party. A party outside the organization carries an organization id of its
/// own; a third party that the trust asks for an <c>sts:ExternalId</c> is taken to know it (the id guards against
/// confused deputies, not against the party it was given to).
/// </remarks>
public sealed class OutsiderAssumeRoleEdgeChecker : IAwsEdgeChecker
{
    public string TechniqueId => "ward-sts-outsider";

    public bool GrantsAdmin => false;

    public bool TargetsSelf => false;

    public IEnumerable<Edge> Check(AwsEdgeContext context, IReadOnlySet<string>? targets)
    {
        var known = ProbeCallers.KnownAccounts(context.Estate);
        foreach (var trust in AwsTrustAnalysis.Of(context.Estate, context.AsOf))
        {
            if (trust.Kind is TrustedPartyKind.OidcProvider or TrustedPartyKind.SamlProvider
                || (targets is not null && !targets.Contains(trust.Role.Arn))
                || OutsideParties.NodeIdOf(trust, context.Estate) is not { } from)
            {
                continue;
            }

            var account = trust.PartyAccount ?? ProbeCallers.OutsiderAccount;
            var caller = trust.Kind == TrustedPartyKind.Principal ? AwsPrincipal.Parse(trust.Party) : AwsPrincipal.Parse($"arn:aws:iam::{account}:role/ward-trust-probe");
            var claims = trust.Kind == TrustedPartyKind.Organization
                ? new Dictionary<string, ContextValue>(ConditionParty.OrganizationKeys(trust.Party), StringComparer.OrdinalIgnoreCase)
                : new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase);
            if (!known.Contains(account) && trust.Kind != TrustedPartyKind.Organization)
            {
                ProbeCallers.AddOutsiderOrganization(claims, standalone: false);
            }

            var externalIds = trust.Statement.Conditions
                .Where(c => !c.Operator.IsNegated && c.Key.Equals("sts:ExternalId", StringComparison.OrdinalIgnoreCase) && !c.Values.IsEmpty)
                .Select(c => c.Values[0]).ToList();
            if (externalIds.Count > 0)
            {
                claims["sts:ExternalId"] = ContextValue.Of(externalIds[0]);
            }

            var decision = context.Can(caller, "sts:AssumeRole", trust.Role.Arn, claims, ProbeCallers.Willingly);
            if (trust.Kind is TrustedPartyKind.Account or TrustedPartyKind.Principal && !known.Contains(account))
            {
                // A named account may be in no organization, whose requests carry no aws:PrincipalOrgID.
                ProbeCallers.AddOutsiderOrganization(claims, standalone: true);
                decision = ProbeCallers.EitherOrganizationStanding(decision, context.Can(caller, "sts:AssumeRole", trust.Role.Arn, claims, ProbeCallers.Willingly), account);
            }

            if (trust.Kind == TrustedPartyKind.Everyone && !known.Contains(account))
            {
                // Or from an account in no organization, whose requests carry no aws:PrincipalOrgID.
                ProbeCallers.AddOutsiderOrganization(claims, standalone: true);
                var alone = context.Can(caller, "sts:AssumeRole", trust.Role.Arn, claims, ProbeCallers.Willingly);
                decision = ProbeCallers.Openness(alone) > ProbeCallers.Openness(decision) ? alone : decision;
            }
            var who = trust.Kind switch
            {
                TrustedPartyKind.Everyone => "any AWS principal",
                TrustedPartyKind.Account => $"a principal of account {account}",
                TrustedPartyKind.Organization => $"any principal of organization {trust.Party}",
                _ => $"`{trust.Party}`",
            };
            var edge = OutsideParties.EdgeOf(
                TechniqueId,
                from,
                trust,
                decision,
                $"assumes `{trust.Role.Name}`: its trust policy lets in {who}{(externalIds.Count > 0 ? " with the external id it was given" : string.Empty)}",
                []);
            if (edge is not null)
            {
                yield return edge;
            }
        }
    }
}
