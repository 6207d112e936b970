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
public sealed class CertificateAuthorityEdgeChecker : AnyUserSignInEdgeChecker
{
    public override string TechniqueId => "entra-certificate-authority";

    protected override string Permission => "Organization.ReadWrite.All";

    protected override string Requirement =>
        "the certificate-based authentication method is enabled for the user in the tenant's authentication methods policy (not in the export), and the sign-in's requirements accept it (it counts as single-factor unless the policy's binding rules say otherwise)";

    protected override string Does(string user) =>
        $"adds a certificate authority it controls to the tenant's certificate-based authentication configuration with Microsoft Graph {Permission}, issues a certificate for `{user}` and signs in as them";
}
