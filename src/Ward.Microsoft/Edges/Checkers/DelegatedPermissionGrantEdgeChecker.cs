using Ward.Core.Graph;
using Ward.Microsoft.Entra.Evaluation;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-delegated-permission-grant</c>: a service principal holding Microsoft Graph's
/// <c>DelegatedPermissionGrant.ReadWrite.All</c> application permission creates or widens delegated permission grants
/// (<c>oauth2PermissionGrants</c>) for any client and any user without anyone's consent, itself included: it grants
/// itself <c>Directory.AccessAsUser.All</c> or <c>RoleManagement.ReadWrite.Directory</c> on Microsoft Graph. A delegated
/// permission acts only for a signed-in user and within that user's rights, so it reaches the users who sign in to it:
/// those an exported grant already names with it as the client (one user for <c>Principal</c> consent, every user for
/// <c>AllPrincipals</c>), and, when it requires assignment (<c>appRoleAssignmentRequired</c>), only those assigned to
/// it. Conditional on the user signing in to it again, or on it holding a refresh token of theirs.
/// </summary>
/// <remarks>
/// A holder nobody signs in to has no edge: getting an administrator to sign in to an application they do not use is
/// persuasion, not a permission. Granting app roles (application permissions) is <c>AppRoleAssignment.ReadWrite.All</c>,
/// which is <c>entra-assign-role</c>'s.
/// </remarks>
public sealed class DelegatedPermissionGrantEdgeChecker : IMicrosoftEdgeChecker
{
    private const string Permission = "DelegatedPermissionGrant.ReadWrite.All";

    public string TechniqueId => "entra-delegated-permission-grant";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var holders = context.GraphPermissions.Where(p => p.Value.Contains(Permission)).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        foreach (var holder in holders)
        {
            var grants = context.Directory.OAuth2PermissionGrants.Where(g => string.Equals(g.ClientId, holder, StringComparison.OrdinalIgnoreCase)).ToList();
            if (grants.Count == 0)
            {
                continue;
            }

            var everyone = grants.FirstOrDefault(g => g.IsForAllPrincipals);
            var client = context.Directory.FindServicePrincipal(holder);
            var name = client?.DisplayName ?? holder;
            foreach (var user in context.Directory.Users.Where(u => (targets is null || targets.Contains(u.Id)) && !string.Equals(u.Id, holder, StringComparison.OrdinalIgnoreCase)))
            {
                var grant = everyone ?? grants.FirstOrDefault(g => string.Equals(g.PrincipalId, user.Id, StringComparison.OrdinalIgnoreCase));

                // A client that requires assignment signs in only the users assigned to it, whatever the grant covers.
                if (grant is null || (client is not null && AssignmentRequirement.Refusal(context.Directory, client, user.Id) is not null))
                {
                    continue;
                }

                var consent = grant.IsForAllPrincipals ? "an administrator consented to it for every user" : "the user consented to it";
                yield return new Edge(new(holder), new(user.Id), TechniqueId,
                    $"grants itself delegated Microsoft Graph permissions (Directory.AccessAsUser.All) for `{user.UserPrincipalName ?? user.Id}` with Microsoft Graph {Permission}, then acts as them when they sign in to `{name}` ({consent}: delegated grant `{grant.Id}`)",
                    [new EdgePermission(Permission, user.Id, "Microsoft Graph application permission", [])])
                {
                    Requirements = [$"`{user.UserPrincipalName ?? user.Id}` signs in to `{name}` again, or it holds a refresh token of theirs (a delegated permission acts only for a signed-in user, within that user's rights)"],
                };
            }
        }
    }
}
