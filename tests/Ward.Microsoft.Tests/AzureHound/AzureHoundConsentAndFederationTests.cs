using Ward.Core.Diagnostics;
using Ward.Microsoft.AzureHound;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;

namespace Ward.Microsoft.Tests.AzureHound;

/// <summary>
/// AZOAuth2PermissionGrant and AZFederatedIdentityCredential records read into the delegated permission grants and the
/// applications' federated credentials, exactly as the Graph responses of the same objects are.
/// </summary>
public sealed class AzureHoundConsentAndFederationTests
{
    private static readonly MicrosoftEstates FromAzureHound = MicrosoftEstateLoader.Load([AzureHoundFixtures.Tenant, AzureHoundFixtures.ConsentAndFederation]);
    private static readonly MicrosoftEstates FromGraph = MicrosoftEstateLoader.Load([AzureHoundFixtures.Tenant, AzureHoundFixtures.GraphConsentAndFederation]);

    [Fact]
    public void Delegated_permission_grants_read_as_from_Graph()
    {
        // Given the HR portal's consent for every user and the build agent's consent for Dana, from AzureHound and from Graph
        var grants = Grants(FromAzureHound);

        // Then both give the same grants, AzureHound's added tenant fields dropped
        Assert.Equal(Grants(FromGraph), grants);
        Assert.Equal(2, grants.Count);
        var everyone = Assert.Single(FromAzureHound.Entra.OAuth2PermissionGrants, g => g.IsForAllPrincipals);
        Assert.Equal((AzureHoundFixtures.HrPortalServicePrincipal, AzureHoundFixtures.GraphServicePrincipal, null), (everyone.ClientId, everyone.ResourceId, everyone.PrincipalId));
        Assert.Equal(["openid", "profile", "User.Read", "Mail.ReadWrite", "Files.ReadWrite.All", "offline_access"], everyone.Scopes);
        Assert.Equal(AzureHoundFixtures.Dana, Assert.Single(FromAzureHound.Entra.OAuth2PermissionGrants, g => !g.IsForAllPrincipals).PrincipalId);
    }

    [Fact]
    public void Federated_credentials_keyed_by_appId_land_on_the_application_as_from_Graph()
    {
        // Given the build agent's two GitHub Actions credentials, which AzureHound keys by the application's appId
        var buildAgent = FromAzureHound.Entra.Applications.Single(a => a.Id == AzureHoundFixtures.BuildAgentApplication);

        // Then they are on the application (found by object id), as Graph's list of the application gives them
        Assert.Equal(Credentials(FromGraph), Credentials(FromAzureHound));
        Assert.Equal(["github-build-scripts-pr", "github-build-scripts-production"], buildAgent.FederatedIdentityCredentials!.Value.Select(c => c.Name), StringComparer.Ordinal);

        // And the applications AzureHound wrote no record for have none: it writes one only for an application with credentials
        Assert.All(FromAzureHound.Entra.Applications.Where(a => a.Id != AzureHoundFixtures.BuildAgentApplication), a => Assert.Empty(a.FederatedIdentityCredentials!.Value));

        // Unlike the tenant file alone, where AzureHound did not list credentials at all: nothing is known of them
        Assert.All(MicrosoftEstateLoader.Load([AzureHoundFixtures.Tenant], TestContext.Current.CancellationToken).Entra.Applications, a => Assert.Null(a.FederatedIdentityCredentials));
    }

    [Fact]
    public void The_two_kinds_are_analysed_and_leave_no_diagnostic()
    {
        Assert.DoesNotContain(FromAzureHound.Diagnostics, d => d.Location.File == AzureHoundFixtures.ConsentAndFederation);
        Assert.Equal(Codes(FromGraph), Codes(FromAzureHound));
        Assert.Contains("3 Entra ID", FromAzureHound.Inputs.Single(i => i.Path == AzureHoundFixtures.ConsentAndFederation).Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Federated_credentials_find_their_application_in_a_file_read_later_or_in_a_Graph_export()
    {
        // Given the credentials file first, then the tenant file with the applications
        var reversed = MicrosoftEstateLoader.Load([AzureHoundFixtures.ConsentAndFederation, AzureHoundFixtures.Tenant], TestContext.Current.CancellationToken);
        Assert.Equal(Credentials(FromAzureHound), Credentials(reversed));

        // And given the build agent's application from a Graph response instead of an AZApp record
        var application = """
            {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#applications","value":[
            {"id":"c3000002-7a8b-4c9d-8e0f-000000000002","appId":"d4000002-1f2e-4d3c-9b4a-000000000002","displayName":"Northwind Build Agent","signInAudience":"AzureADMyOrg","passwordCredentials":[],"keyCredentials":[],"requiredResourceAccess":[]}
            ]}
            """;
        using var folder = new ScratchFolder(("applications.json", application));
        var mixed = MicrosoftEstateLoader.Load([AzureHoundFixtures.ConsentAndFederation, folder.Path], TestContext.Current.CancellationToken);
        Assert.Equal(2, Assert.Single(mixed.Entra.Applications).FederatedIdentityCredentials!.Value.Length);
    }

    [Fact]
    public void Malformed_grant_and_credential_records_are_reported_where_they_are()
    {
        // Given a grant without its client, a credentials record without appId, one whose entry has no `fic`, one of an
        // application no input holds, and one valid credential
        var file = """
            {"data":[
            {"kind":"AZOAuth2PermissionGrant","data":{"consentType":"AllPrincipals","id":"AwAA5TsqTUyOXwAAAAAAAwUAAOU7Kk1Mjl8AAAAAAAU","resourceId":"e5000005-2a3b-4c4d-8e5f-000000000005","scope":"Mail.Read","tenantId":"3f1c2d4e-8b7a-4c6d-9e0f-1a2b3c4d5e6f","tenantName":"Northwind Traders"}},
            {"kind":"AZFederatedIdentityCredential","data":{"fics":[{"fic":{"audiences":["api://AzureADTokenExchange"],"id":"f6000003-4b5c-4d6e-8f70-000000000003","issuer":"https://token.actions.githubusercontent.com","name":"orphan","subject":"repo:northwind-traders/x:pull_request"}}]}},
            {"kind":"AZFederatedIdentityCredential","data":{"fics":[{"appId":"d4000002-1f2e-4d3c-9b4a-000000000002"},{"appId":"d4000002-1f2e-4d3c-9b4a-000000000002","fic":{"audiences":["api://AzureADTokenExchange"],"id":"f6000004-4b5c-4d6e-8f70-000000000004","issuer":"https://token.actions.githubusercontent.com","name":"github-build-scripts-main","subject":"repo:northwind-traders/build-scripts:ref:refs/heads/main"}}],"appId":"d4000002-1f2e-4d3c-9b4a-000000000002"}},
            {"kind":"AZFederatedIdentityCredential","data":{"fics":[{"appId":"d4000009-1f2e-4d3c-9b4a-000000000009","fic":{"audiences":["api://AzureADTokenExchange"],"id":"f6000005-4b5c-4d6e-8f70-000000000005","issuer":"https://token.actions.githubusercontent.com","name":"gone","subject":"repo:northwind-traders/gone:pull_request"}}],"appId":"d4000009-1f2e-4d3c-9b4a-000000000009"}}
            ],"meta":{"type":"azure","version":5,"count":4}}
            """;
        using var folder = new ScratchFolder(("hound.json", file));

        // When it is loaded with the tenant
        var loaded = MicrosoftEstateLoader.Load([AzureHoundFixtures.Tenant, folder.Path], TestContext.Current.CancellationToken);
        var inFile = loaded.Diagnostics.Where(d => d.Location.File.StartsWith(folder.Path, StringComparison.Ordinal)).ToList();

        // Then the grant is skipped with an error on its line
        Assert.Empty(loaded.Entra.OAuth2PermissionGrants);
        Assert.Contains(inFile, d => d.Code == EntraDiagnosticCodes.MissingField && d.Severity == DiagnosticSeverity.Error && d.Location.Line == 2 && d.Message.Contains("clientId", StringComparison.Ordinal));

        // And the record without appId and the entry without `fic` are malformed, each on its line
        var malformed = inFile.Where(d => d.Code == AzureHoundDiagnosticCodes.MalformedRecord).ToList();
        Assert.Equal([3, 4], malformed.Select(d => d.Location.Line!.Value).Order());
        Assert.Contains(malformed, d => d.Message.Contains("`appId`", StringComparison.Ordinal));
        Assert.Contains(malformed, d => d.Message.Contains("`fic`", StringComparison.Ordinal));

        // And the credentials of an unknown application are a dangling reference naming its appId
        var dangling = Assert.Single(inFile, d => d.Code == AzureHoundDiagnosticCodes.DanglingReference);
        Assert.Contains("d4000009-1f2e-4d3c-9b4a-000000000009", dangling.Message, StringComparison.Ordinal);
        Assert.Equal(5, dangling.Location.Line);

        // And the valid credential beside the bad entry is kept
        var buildAgent = loaded.Entra.Applications.Single(a => a.Id == AzureHoundFixtures.BuildAgentApplication);
        Assert.Equal("github-build-scripts-main", Assert.Single(buildAgent.FederatedIdentityCredentials!.Value).Name);
    }

    private static List<string> Grants(MicrosoftEstates estates) =>
        [.. estates.Entra.OAuth2PermissionGrants.Select(g => $"{g.Id} {g.ClientId} {g.ConsentType} {g.PrincipalId} {g.ResourceId} [{string.Join(' ', g.Scopes)}]").Order(StringComparer.Ordinal)];

    private static List<string> Credentials(MicrosoftEstates estates) =>
        [.. estates.Entra.Applications.SelectMany(a => (a.FederatedIdentityCredentials ?? []).Select(c => Describe(a, c))).Order(StringComparer.Ordinal)];

    private static string Describe(EntraApplication application, FederatedIdentityCredential credential) =>
        $"{application.Id} {credential.Id} {credential.Name} {credential.Issuer} {credential.Subject} {credential.ClaimsMatchingExpression} {credential.Description} [{string.Join(' ', credential.Audiences)}]";

    private static List<string> Codes(MicrosoftEstates estates) => [.. estates.Diagnostics.Select(d => d.Code).Order(StringComparer.Ordinal)];
}
