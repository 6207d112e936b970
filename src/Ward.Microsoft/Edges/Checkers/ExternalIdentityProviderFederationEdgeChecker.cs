using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Ward.Core.Graph;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-external-idp-federation</c>: a principal that may configure identity providers for external users (a
/// directory role allowing <c>microsoft.directory/identityProviders/allProperties/allTasks</c> at tenant scope, such
/// as External Identity Provider Administrator; or a service principal holding Microsoft Graph's
/// <c>IdentityProvider.ReadWrite.All</c>) sets up SAML/WS-Fed federation for a guest's home domain with an identity
/// provider it runs, then redeems the guest's invitation through it and signs in as the guest.
/// </summary>
/// <remarks>
/// Microsoft documents the limits this follows. A guest that already redeemed its invitation keeps its sign-in method
/// until its redemption status is reset (a Helpdesk, User or Global Administrator's task), so guests known to have
/// redeemed (<c>externalUserState</c> <c>Accepted</c>) are not reached. For a domain verified in an Entra ID tenant,
/// Entra ID stays the identity provider at redemption; Entra ID takes the identity provider's sign-in address only
/// on a host of the domain or when the domain's DNS names it. Neither is in the export: every edge carries both.
/// Microsoft and Google consumer addresses (outlook.com, hotmail.com, live.com, msn.com and their national variants;
/// gmail.com, googlemail.com) are never reached: their accounts sign in at Microsoft or Google, whose domains no
/// federation can claim. Nor are guests whose address is in one of this tenant's own verified domains.
/// </remarks>
public sealed partial class ExternalIdentityProviderFederationEdgeChecker : IMicrosoftEdgeChecker
{
    private const string RoleAction = "microsoft.directory/identityProviders/allProperties/allTasks";
    private const string Permission = "IdentityProvider.ReadWrite.All";
    private const string Accepted = "Accepted";
    private static readonly FrozenSet<string> GoogleConsumerDomains = FrozenSet.ToFrozenSet(["gmail.com", "googlemail.com"], StringComparer.OrdinalIgnoreCase);

    public string TechniqueId => "entra-external-idp-federation";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var federators = new List<(string Principal, string Action, string GrantedBy, DirectoryRoleActivation? Activation)>();
        foreach (var holder in context.RoleHoldersFor(RoleAction))
        {
            if (DirectoryRoleStep.FirstAllowed(context, holder, [RoleAction], "/") is { } allowed)
            {
                federators.Add((holder, RoleAction, allowed.Step.Decision.Explanation.Summary, allowed.Step.Activation));
            }
        }

        federators.AddRange(context.GraphPermissions.Where(p => p.Value.Contains(Permission)).Select(p => (p.Key, Permission, "Microsoft Graph application permission", (DirectoryRoleActivation?)null)).OrderBy(f => f.Key, StringComparer.Ordinal));
        if (federators.Count == 0)
        {
            yield break;
        }

        var ownDomains = context.Directory.VerifiedDomains.Select(d => d.Name).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        foreach (var guest in context.Directory.Users.Where(u => (targets is null || targets.Contains(u.Id)) && u.IsGuest))
        {
            if (HomeDomainOf(guest) is not { } domain || ownDomains.Contains(domain) || IsConsumerDomain(domain)
                || string.Equals(guest.ExternalUserState, Accepted, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = guest.UserPrincipalName ?? guest.Id;
            List<string> requirements =
            [
                $"`{domain}` is not a domain verified in an Entra ID tenant (for one that is, Entra ID stays the guest's identity provider at redemption)",
                $"the identity provider's sign-in address is on a host of `{domain}`, or `{domain}`'s DNS names it in a `DirectFedAuthUrl` TXT record (Entra ID accepts no other)",
            ];
            if (guest.ExternalUserState is null)
            {
                requirements.Add($"`{name}` has not redeemed its invitation yet (`externalUserState` is not in the export; a guest that has keeps its sign-in method)");
            }

            foreach (var (principal, action, grantedBy, activation) in federators.Where(f => !string.Equals(f.Principal, guest.Id, StringComparison.OrdinalIgnoreCase)))
            {
                var edge = new Edge(new(principal), new(guest.Id), TechniqueId, $"federates `{domain}` with an identity provider it runs and redeems the invitation of `{name}` through it",
                    [new EdgePermission(action, domain, grantedBy, [])])
                {
                    Requirements = [.. requirements],
                };
                yield return activation is null ? edge : activation.Qualify(edge);
            }
        }
    }

    /// <summary>The domain of the guest's address: from <c>mail</c>, else from the user principal name's part before <c>#EXT#</c> (<c>priya_contoso.com#EXT#@…</c>).</summary>
    public static string? HomeDomainOf(EntraUser user)
    {
        if (user.Mail is { } mail && mail.LastIndexOf('@') is var at and > 0 && at < mail.Length - 1)
        {
            return mail[(at + 1)..];
        }

        // The invited address with its @ written as _: a domain holds no underscore, so the last one is the @.
        if (user.UserPrincipalName is { } upn && upn.IndexOf("#EXT#", StringComparison.OrdinalIgnoreCase) is var ext and > 0
            && upn.LastIndexOf('_', ext - 1) is var underscore and > 0 && underscore < ext - 1)
        {
            return upn[(underscore + 1)..ext];
        }

        return null;
    }

    private static bool IsConsumerDomain(string domain) => GoogleConsumerDomains.Contains(domain) || MicrosoftConsumerDomain().IsMatch(domain);

    // outlook.com, hotmail.co.uk, live.com.au, msn.com...: Microsoft account domains, in every country variant.
    [GeneratedRegex(@"^(?:outlook|hotmail|live|msn)\.(?:com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MicrosoftConsumerDomain();
}
