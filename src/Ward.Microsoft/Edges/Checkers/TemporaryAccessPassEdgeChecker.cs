using Ward.Core.Graph;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-temporary-access-pass</c>: a service principal holding Microsoft Graph's
/// <c>UserAuthenticationMethod.ReadWrite.All</c> application permission creates a Temporary Access Pass for any user,
/// administrators included (application permissions are not limited by the directory roles' tiers), and signs in as
/// them. It needs the Temporary Access Pass method enabled in the authentication methods policy, which the export does
/// not hold: every edge carries that requirement. Directory roles that manage authentication methods are the password
/// reset technique's (the same tiers apply and each such role can reset passwords too).
/// </summary>
public sealed class TemporaryAccessPassEdgeChecker : IMicrosoftEdgeChecker
{
    private const string Permission = "UserAuthenticationMethod.ReadWrite.All";

    public string TechniqueId => "entra-temporary-access-pass";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var holders = context.GraphPermissions.Where(p => p.Value.Contains(Permission)).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        if (holders.Count == 0)
        {
            yield break;
        }

        foreach (var user in context.Directory.Users.Where(u => targets is null || targets.Contains(u.Id)))
        {
            foreach (var holder in holders)
            {
                yield return new Edge(new(holder), new(user.Id), TechniqueId, $"creates a Temporary Access Pass for `{user.UserPrincipalName ?? user.Id}` with Microsoft Graph {Permission} and signs in as them",
                    [new EdgePermission(Permission, user.Id, "Microsoft Graph application permission", [])])
                {
                    Requirements = ["the Temporary Access Pass method is enabled in the tenant's authentication methods policy (not in the export)"],
                };
            }
        }
    }
}
