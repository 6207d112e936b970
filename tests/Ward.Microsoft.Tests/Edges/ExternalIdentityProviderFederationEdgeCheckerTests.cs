using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>The home domain of a guest, which <c>entra-external-idp-federation</c> federates.</summary>
public sealed class ExternalIdentityProviderFederationEdgeCheckerTests
{
    [Theory]
    [InlineData("lee@partner.example", "lee_partner.example#EXT#@fabrikam.onmicrosoft.com", "partner.example")]
    [InlineData(null, "lee_partner.example#EXT#@fabrikam.onmicrosoft.com", "partner.example")]
    [InlineData(null, "jo_ann_smith_mail.partner.example#EXT#@fabrikam.onmicrosoft.com", "mail.partner.example")]
    [InlineData("jo.ann@partner.example", "jo.ann_old-partner.example#EXT#@fabrikam.onmicrosoft.com", "partner.example")]
    [InlineData(null, "lee@fabrikam.onmicrosoft.com", null)]
    [InlineData(null, "_#EXT#@fabrikam.onmicrosoft.com", null)]
    public void The_home_domain_comes_from_mail_else_from_the_invited_address_in_the_user_principal_name(string? mail, string userPrincipalName, string? expected)
    {
        var guest = new EntraUser { Id = "5d1c6f0e-8a3b-4c2d-9e7f-1a2b3c4d5e6f", Mail = mail, UserPrincipalName = userPrincipalName, UserType = EntraUserType.Guest };

        Assert.Equal(expected, ExternalIdentityProviderFederationEdgeChecker.HomeDomainOf(guest));
    }
}
