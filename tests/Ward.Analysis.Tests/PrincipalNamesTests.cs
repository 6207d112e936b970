using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests;

/// <summary>
/// The scanner names the principal of every Entra ID and Azure finding from the directory, whichever rule reported it:
/// a user by its user principal name and display name, any other directory object by its display name.
/// </summary>
public sealed class PrincipalNamesTests
{
    private const string VirtualMachine = TestTenant.Subscription + "/resourceGroups/rg-build/providers/Microsoft.Compute/virtualMachines/vm-build";

    [Fact]
    public void A_user_is_named_by_its_principal_name_and_its_display_name_in_every_finding()
    {
        // Given a user (displayName "morgan", userPrincipalName morgan@fabrikam.example) permanently Global Administrator
        var tenant = new TestTenant();
        var morgan = tenant.User("morgan");
        tenant.AssignRole("morgan", "Global Administrator");

        // When the tenant is scanned
        var findings = tenant.Scan().Findings.Where(f => f.Principal == morgan).ToList();

        // Then each of the rules that report her (role holder, permanent assignment) names her both ways
        Assert.Contains(findings, f => f.RuleId == "entra-privileged-role-holder");
        Assert.Contains(findings, f => f.RuleId == "entra-permanent-privileged-assignment");
        Assert.All(findings, f =>
        {
            Assert.Equal(TestTenant.UserPrincipalName("morgan"), f.PrincipalName);
            Assert.Equal("morgan", f.PrincipalDisplayName);
        });
    }

    [Fact]
    public void A_managed_identity_is_named_once_by_its_display_name()
    {
        // Given a VM's managed identity that is Owner of the subscription
        var tenant = new TestTenant();
        var identity = tenant.ManagedIdentityAt("vm-build", VirtualMachine);
        tenant.AssignAzureRole("vm-build", "ServicePrincipal", TestTenant.Owner, TestTenant.Subscription);

        var finding = Assert.Single(tenant.Scan().Of("azure-managed-identity-privileged-role"));

        // Then its display name is its name, and no second name repeats it
        Assert.Equal(identity, finding.Principal);
        Assert.Equal("vm-build", finding.PrincipalName);
        Assert.Null(finding.PrincipalDisplayName);
    }

    [Fact]
    public void A_principal_the_directory_does_not_hold_keeps_its_object_id_alone()
    {
        // Given a Global Administrator assignment whose principal is no longer in the directory export
        var tenant = new TestTenant();
        tenant.User("morgan");
        tenant.AssignRole("deleted-admin", "Global Administrator");

        var findings = tenant.Scan().Findings.Where(f => f.Principal == TestTenant.Id("deleted-admin")).ToList();

        // Then it is still reported, by its object id only
        Assert.NotEmpty(findings);
        Assert.All(findings, f =>
        {
            Assert.Null(f.PrincipalName);
            Assert.Null(f.PrincipalDisplayName);
        });
    }

    [Fact]
    public void Names_are_not_part_of_the_fingerprint()
    {
        // Given the same user scanned twice, renamed in between
        static Finding Holder(string displayName)
        {
            var tenant = new TestTenant();
            tenant.Add("users(id,displayName,userPrincipalName,userType,accountEnabled)",
                new { id = TestTenant.Id("morgan"), displayName, userPrincipalName = TestTenant.UserPrincipalName("morgan"), userType = "Member", accountEnabled = true });
            tenant.AssignRole("morgan", "Global Administrator");
            return Assert.Single(tenant.Scan().Of("entra-permanent-privileged-assignment"));
        }

        var before = Holder("Morgan Lee");
        var after = Holder("Morgan Lee-Okafor");

        // Then the display names differ and the fingerprint does not
        Assert.Equal("Morgan Lee", before.PrincipalDisplayName);
        Assert.Equal("Morgan Lee-Okafor", after.PrincipalDisplayName);
        Assert.Equal(before.Fingerprint, after.Fingerprint);
    }
}
