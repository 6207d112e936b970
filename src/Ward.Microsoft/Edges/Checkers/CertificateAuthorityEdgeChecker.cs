namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-certificate-authority</c>: a service principal holding Microsoft Graph's <c>Organization.ReadWrite.All</c>
/// application permission writes the organization's <c>certificateBasedAuthConfiguration</c>, and one holding
/// <c>PublicKeyInfrastructure.ReadWrite.All</c> the PKI-based trust store
/// (<c>directory/publicKeyInfrastructure/certificateBasedAuthConfigurations</c>): the certificate authorities Entra ID
/// trusts for certificate-based authentication. It adds a root authority of its own, issues a
/// certificate naming any user (the default username binding matches the certificate's principal name to the
/// <c>userPrincipalName</c>) and signs in as them, administrators included, whatever their domain. Conditional on the
/// certificate-based authentication method being enabled for the user in the authentication methods policy, which the
/// export does not hold. In delegated use the organization's configuration takes a Global Administrator, and the
/// trust store a Privileged Authentication Administrator, who resets any user's password anyway
/// (<c>entra-reset-password</c>): no directory role adds a source.
/// </summary>
public sealed class CertificateAuthorityEdgeChecker : AnyUserSignInEdgeChecker
{
    public override string TechniqueId => "entra-certificate-authority";

    protected override IReadOnlyList<string> Permissions { get; } = ["Organization.ReadWrite.All", "PublicKeyInfrastructure.ReadWrite.All"];

    protected override string Requirement =>
        "the certificate-based authentication method is enabled for the user in the tenant's authentication methods policy (not in the export), and the sign-in's requirements accept it (it counts as single-factor unless the policy's binding rules say otherwise)";

    protected override string Does(string user, string permission) =>
        $"adds a certificate authority it controls to the tenant's {(permission == "Organization.ReadWrite.All" ? "certificate-based authentication configuration" : "PKI-based trust store for certificate-based authentication")} with Microsoft Graph {permission}, issues a certificate for `{user}` and signs in as them";
}
