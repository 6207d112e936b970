using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Applications;

public sealed class AppSecretCredentialRuleTests
{
    private const string Rule = "app-secret-credential";
    private const string MailRead = "810c84a8-4a9e-49e6-bf7d-12d183f40d01";
    private const string UserReadAll = "df021288-bdef-4463-88db-98f22de89214";

    [Fact]
    public void An_application_signing_in_with_a_secret_to_use_an_application_permission_is_reported_and_one_with_a_certificate_is_not()
    {
        // Given two applications whose service principals hold Mail.Read: one with a client secret, one with a certificate
        var tenant = new TestTenant();
        tenant.AppRegistration("mail-archiver", secrets: [TestTenant.Secret("archiver", 30, 150)]);
        tenant.AppRegistration("mail-journal", certificates: [TestTenant.Certificate("CN=mail-journal", 30, 150)]);
        tenant.ServicePrincipalOf("mail-archiver");
        tenant.ServicePrincipalOf("mail-journal");
        tenant.GrantGraphPermission("mail-archiver", "Mail.Read", MailRead).GrantGraphPermission("mail-journal", "Mail.Read", MailRead);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the secret is reported on the application, high because Mail.Read reaches every mailbox
        Assert.Equal(TestTenant.ApplicationId("mail-archiver"), finding.Principal);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("`mail-archiver` signs in as itself with a client secret", finding.Title);
        Assert.Contains($"holds secret `archiver` (key id `{TestTenant.Id("key-archiver")}`), valid until 2027-04-27", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("`Mail.Read` of `Microsoft Graph` (reads the mail of every mailbox)", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_web_application_whose_service_principal_holds_only_delegated_permissions_is_not_reported()
    {
        // Given an application with a secret that signs users in: its service principal holds a delegated grant only
        var tenant = new TestTenant();
        tenant.User("alice");
        tenant.AppRegistration("intranet", secrets: [TestTenant.Secret("intranet", 30, 150)]);
        tenant.ServicePrincipalOf("intranet");
        tenant.DelegatedGrant("intranet", "openid profile User.Read Mail.Read", userKey: "alice");

        // Then it is not reported: a confidential web client needs a credential to redeem users' codes
        Assert.Empty(tenant.Scan().Of(Rule));
    }

    [Fact]
    public void A_secret_on_a_service_principal_holding_an_Azure_role_is_reported_on_the_service_principal_as_medium()
    {
        // Given a service principal with a secret of its own that is Contributor of the subscription, and one whose
        // only secret has expired and that holds User.Read.All
        var tenant = new TestTenant();
        tenant.AzureSubscriptionIn();
        tenant.ServicePrincipalOf("deploy-pipeline", secrets: [TestTenant.Secret("pipeline", 60, 120)]);
        tenant.AssignAzureRole("deploy-pipeline", "ServicePrincipal", TestTenant.Contributor, TestTenant.Subscription);
        tenant.ServicePrincipalOf("old-reader", secrets: [TestTenant.Secret("old-reader", 400, -5)]);
        tenant.GrantGraphPermission("old-reader", "User.Read.All", UserReadAll);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the pipeline is reported, medium (Contributor is not a high-risk application permission), on its service principal
        Assert.Equal(TestTenant.Id("deploy-pipeline"), finding.Principal);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("The service principal `deploy-pipeline`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("Azure role Contributor of", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_secrets_make_one_finding_per_object()
    {
        // Given an application with two valid secrets and an application permission
        var tenant = new TestTenant();
        tenant.AppRegistration("directory-reader", secrets: [TestTenant.Secret("old", 200, 10), TestTenant.Secret("new", 5, 175)]);
        tenant.ServicePrincipalOf("directory-reader");
        tenant.GrantGraphPermission("directory-reader", "User.Read.All", UserReadAll);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then one finding lists both
        Assert.Equal("`directory-reader` signs in as itself with 2 client secrets", finding.Title);
        Assert.Contains("secret `old`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("secret `new`", finding.Explanation, StringComparison.Ordinal);
    }
}
