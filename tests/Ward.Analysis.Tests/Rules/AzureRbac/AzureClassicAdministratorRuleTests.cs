using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.AzureRbac;

public sealed class AzureClassicAdministratorRuleTests
{
    private const string Rule = "azure-classic-administrator";

    [Fact]
    public void A_Co_Administrator_is_high_and_the_role_assignments_beside_it_are_not_classic()
    {
        // Given `az role assignment list --include-classic-administrators` output: an Owner assignment and a
        // Co-Administrator row the CLI matched to a user
        var tenant = new TestTenant();
        tenant.User("owner");
        tenant.User("coadmin");
        tenant.AssignAzureRole("owner", "User", TestTenant.Owner, TestTenant.Subscription);
        tenant.ClassicAdministratorRow("coadmin@fabrikam.example", "CoAdministrator", "coadmin");

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the Co-Administrator is reported, high, as the user it is, Owner-equivalent and retired
        Assert.Equal(TestTenant.Id("coadmin"), finding.Principal);
        Assert.Equal("coadmin@fabrikam.example", finding.PrincipalName);
        Assert.Equal("azure", finding.Provider);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal($"`coadmin@fabrikam.example` is classic Co-Administrator of subscription `{TestTenant.Subscription}`", finding.Title);
        Assert.Contains("has the access of Owner at the subscription", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("retired classic administrator roles on 2024-08-31", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_Account_Administrator_alone_is_low_and_an_address_unknown_to_the_directory_is_its_own_principal()
    {
        // Given a billing owner (Account Administrator only) and a Service Administrator whose address matches no user
        var tenant = new TestTenant();
        tenant.User("someone");
        tenant.ClassicAdministratorRow("billing@fabrikam.example", "AccountAdministrator");
        tenant.ClassicAdministratorRow("founder@contoso.example", "ServiceAdministrator;AccountAdministrator");

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.PrincipalName!, StringComparer.Ordinal);

        // Then the billing owner is low; the founder is high, named by address, and the explanation says no user matched
        Assert.Equal(Severity.Low, findings["billing@fabrikam.example"].Severity);
        Assert.Contains("billing owner", findings["billing@fabrikam.example"].Explanation, StringComparison.Ordinal);
        var founder = findings["founder@contoso.example"];
        Assert.Equal(Severity.High, founder.Severity);
        Assert.Equal("founder@contoso.example", founder.Principal);
        Assert.Contains("classic Service Administrator and Account Administrator", founder.Title, StringComparison.Ordinal);
        Assert.Contains("no user of the directory export has that principal name", founder.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_classic_administrator_Azure_converted_to_Owner_is_said_to_hold_both()
    {
        // Given a Service Administrator that Azure converted (an Owner assignment with its address beside the REST
        // entry), and a Co-Administrator with no assignment
        var tenant = new TestTenant();
        tenant.AssignAzureRole("converted", "User", TestTenant.Owner, TestTenant.Subscription);
        tenant.ClassicAdministratorEntry("converted@fabrikam.example", "ServiceAdministrator;AccountAdministrator");
        tenant.ClassicAdministratorEntry("coadmin@fabrikam.example", "CoAdministrator");

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.PrincipalName!, StringComparer.Ordinal);

        // Then the first is said to hold Owner through both (removing the assignment alone leaves the classic role), and
        // the second through the classic role only
        Assert.Contains("also holds an Owner role assignment there", findings["converted@fabrikam.example"].Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("no role assignment shows it", findings["converted@fabrikam.example"].Explanation, StringComparison.Ordinal);
        Assert.Contains("no role assignment shows it", findings["coadmin@fabrikam.example"].Explanation, StringComparison.Ordinal);
    }
}
