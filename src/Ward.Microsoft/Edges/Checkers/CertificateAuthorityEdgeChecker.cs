using Ward.Core.Graph;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-certificate-authority</c>: a service principal holding Microsoft Graph's <c>Organization.ReadWrite.All</c>
/// application permission writes the organization's <c>certificateBasedAuthConfiguration</c>, the certificate
/// authorities Entra ID trusts for certificate-based authentication: it adds a root authority of its own, issues a
/// certificate naming any user (the default username binding matches the certificate's principal name to the
/// <c>userPrincipalName</c>) and signs in as them, administrators included, whatever their domain. Conditional on the
/// certificate-based authentication method being enabled for the user in the authentication methods policy, which the
/// export does not hold. In delegated use only Global Administrators may write that configuration, so no directory role
/// adds a source.
/// </summary>
public sealed class CertificateAuthorityEdgeChecker : IMicrosoftEdgeChecker
{
    private const string Permission = "Organization.ReadWrite.All";

    public string TechniqueId => "entra-certificate-authority";

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
            var name = user.UserPrincipalName ?? user.Id;
            foreach (var holder in holders)
            {
                yield return new Edge(new(holder), new(user.Id), TechniqueId,
                    $"adds a certificate authority it controls to the tenant's certificate-based authentication configuration with Microsoft Graph {Permission}, issues a certificate for `{name}` and signs in as them",
                    [new EdgePermission(Permission, user.Id, "Microsoft Graph application permission", [])])
                {
                    Requirements = ["the certificate-based authentication method is enabled for the user in the tenant's authentication methods policy (not in the export), and the sign-in's requirements accept it (it counts as single-factor unless the policy's binding rules say otherwise)"],
                };
            }
        }
    }
}
