using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Ingest;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Tests.Azure.Testing;

namespace Ward.Microsoft.Tests.Azure.Ingest;

/// <summary>
/// Federated identity credentials of user-assigned managed identities, as <c>az identity federated-credential list</c>
/// prints them and as the ARM REST list returns them, related to their identity by id; credentials of an identity the
/// inventory lacks, and broken entries.
/// </summary>
public sealed class FederatedCredentialReaderTests
{
    private const string Subscription = "3f9a1c7e-5b2d-4a8f-9e6c-1d3b5a7f9c2e";
    private const string Deploy = $"/subscriptions/{Subscription}/resourceGroups/rg-deploy/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-deploy";
    private const string GitHub = "https://token.actions.githubusercontent.com";

    // az identity list --subscription: the identity, flat, with its service principal's object id and client id.
    private const string IdentityList = $$"""
        [
          {
            "clientId": "38b60582-b2c1-41a7-aa4d-38a3c4f66548", "id": "{{Deploy}}", "location": "westeurope", "name": "id-deploy",
            "principalId": "c7e3a1f9-2b4d-4c86-9e0a-5d7f1b3c9e24", "resourceGroup": "rg-deploy", "systemData": null, "tags": {},
            "tenantId": "8f4c1b2e-6d3a-4e7b-9a51-2c0d7e3f9b14", "type": "Microsoft.ManagedIdentity/userAssignedIdentities"
          }
        ]
        """;

    [Fact]
    public void The_CLI_list_form_relates_each_credential_to_its_identity_by_id_whatever_the_case()
    {
        // Given az identity federated-credential list for id-deploy (ARM writes `resourcegroups` in lower case there)
        var credentials = $$"""
            [
              {
                "audiences": ["api://AzureADTokenExchange"],
                "id": "/subscriptions/{{Subscription}}/resourcegroups/rg-deploy/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-deploy/federatedIdentityCredentials/github-pull-requests",
                "issuer": "{{GitHub}}", "name": "github-pull-requests", "resourceGroup": "rg-deploy",
                "subject": "repo:contoso/deploy-scripts:pull_request", "systemData": null,
                "type": "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials"
              },
              {
                "audiences": ["api://AzureADTokenExchange"],
                "id": "/subscriptions/{{Subscription}}/resourcegroups/rg-deploy/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-deploy/federatedIdentityCredentials/github-main",
                "issuer": "{{GitHub}}", "name": "github-main", "resourceGroup": "rg-deploy",
                "subject": "repo:contoso/deploy-scripts:ref:refs/heads/main", "systemData": null,
                "type": "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials"
              }
            ]
            """;
        using var folder = new ScratchFolder(("identities.json", IdentityList), ("id-deploy-federated-credentials.json", credentials));

        // When it is loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then both credentials belong to the identity the inventory lists, and are not read as resources of their own
        Assert.Empty(estate.Diagnostics);
        Assert.Equal(["github-pull-requests", "github-main"], estate.FederatedCredentials.Select(c => c.Credential.Name), StringComparer.Ordinal);
        Assert.All(estate.FederatedCredentials, c => Assert.Equal(AzureScope.Parse(Deploy), c.IdentityId));
        var pullRequests = estate.FederatedCredentials[0].Credential;
        Assert.Equal((GitHub, "repo:contoso/deploy-scripts:pull_request", (string?)null), (pullRequests.Issuer, pullRequests.Subject, pullRequests.ClaimsMatchingExpression));
        Assert.Equal(["api://AzureADTokenExchange"], pullRequests.Audiences, StringComparer.Ordinal);
        Assert.Equal(["id-deploy"], estate.Resources.Select(r => r.Name), StringComparer.Ordinal);
        Assert.Equal(("c7e3a1f9-2b4d-4c86-9e0a-5d7f1b3c9e24", "38b60582-b2c1-41a7-aa4d-38a3c4f66548"), (estate.PrincipalOfIdentity(AzureScope.Parse(Deploy)), estate.ClientIdOfIdentity(AzureScope.Parse(Deploy))));
        Assert.Contains(estate.Inputs, i => i.Note == "2 federated credentials");
    }

    [Fact]
    public void The_ARM_REST_form_reads_the_fields_under_properties_and_a_flexible_expression()
    {
        // Given a REST page of the identity's federatedIdentityCredentials (API version 2025-01-31-preview: one flexible credential)
        var page = $$"""
            {
              "value": [
                {
                  "id": "{{Deploy}}/federatedIdentityCredentials/aks-workload",
                  "name": "aks-workload",
                  "type": "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials",
                  "properties": {
                    "issuer": "https://westeurope.oic.prod-aks.azure.com/8f4c1b2e-6d3a-4e7b-9a51-2c0d7e3f9b14/5d0e2c7a-3b1f-4e9d-8a6c-2f4b7d9e1c35/",
                    "subject": "system:serviceaccount:deploy:deployer",
                    "audiences": ["api://AzureADTokenExchange"]
                  }
                },
                {
                  "id": "{{Deploy}}/federatedIdentityCredentials/github-any-production",
                  "name": "github-any-production",
                  "type": "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials",
                  "systemData": {"createdBy": "ops@contoso.com", "createdByType": "User", "createdAt": "2026-05-04T09:12:00Z", "lastModifiedBy": "ops@contoso.com", "lastModifiedByType": "User", "lastModifiedAt": "2026-05-04T09:12:00Z"},
                  "properties": {
                    "issuer": "{{GitHub}}",
                    "claimsMatchingExpression": {"value": "claims['sub'] matches 'repo:*:environment:production'", "languageVersion": 1},
                    "audiences": ["api://AzureADTokenExchange"]
                  }
                }
              ]
            }
            """;
        using var folder = new ScratchFolder(("identities.json", IdentityList), ("federated-credentials-1.json", page));

        // When it is loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the subject and the expression are read from under `properties`
        Assert.Empty(estate.Diagnostics);
        Assert.Equal(
            [("aks-workload", "system:serviceaccount:deploy:deployer", null), ("github-any-production", null, "claims['sub'] matches 'repo:*:environment:production'")],
            estate.FederatedCredentials.Select(c => (c.Credential.Name, c.Credential.Subject, c.Credential.ClaimsMatchingExpression)));
        Assert.Equal($"{Deploy}/federatedIdentityCredentials/aks-workload", estate.FederatedCredentials[0].Credential.Id);
    }

    [Fact]
    public void A_credential_of_an_identity_the_inventory_lacks_is_kept_and_reported_where_it_is()
    {
        // Given a credential of id-legacy, which the identity list does not hold
        var credentials = $$"""
            [
              {
                "audiences": ["api://AzureADTokenExchange"],
                "id": "/subscriptions/{{Subscription}}/resourcegroups/rg-old/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-legacy/federatedIdentityCredentials/github-org",
                "issuer": "{{GitHub}}", "name": "github-org", "resourceGroup": "rg-old",
                "subject": "repository_owner:contoso", "systemData": null,
                "type": "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials"
              }
            ]
            """;
        using var folder = new ScratchFolder(("identities.json", IdentityList), ("id-legacy.json", credentials));

        // When it is loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then a warning names the identity, at the credential, and the credential is still there
        var diagnostic = Assert.Single(estate.Diagnostics);
        Assert.Equal((AzureDiagnosticCodes.DanglingResource, DiagnosticSeverity.Warning), (diagnostic.Code, diagnostic.Severity));
        Assert.Equal(("id-legacy.json", "$[0]"), (Path.GetFileName(diagnostic.Location.File), diagnostic.Location.JsonPath));
        Assert.NotNull(diagnostic.Location.Line);
        Assert.Contains("/userAssignedIdentities/id-legacy`, which is not in the resource inventory", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("github-org", Assert.Single(estate.FederatedCredentials).Credential.Name);
    }

    [Fact]
    public void Broken_entries_are_reported_where_they_are_and_the_others_still_read()
    {
        // Given a list with a credential without issuer, one whose subject is a number, one with neither subject nor
        // expression, one whose id is the identity's own, and a good one
        const string Type = "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials";
        var credentials = $$"""
            [
              {"audiences": ["api://AzureADTokenExchange"], "id": "{{Deploy}}/federatedIdentityCredentials/no-issuer", "name": "no-issuer", "resourceGroup": "rg-deploy", "subject": "repo:contoso/app:pull_request", "type": "{{Type}}"},
              {"audiences": ["api://AzureADTokenExchange"], "id": "{{Deploy}}/federatedIdentityCredentials/numeric", "issuer": "{{GitHub}}", "name": "numeric", "resourceGroup": "rg-deploy", "subject": 42, "type": "{{Type}}"},
              {"audiences": ["api://AzureADTokenExchange"], "id": "{{Deploy}}/federatedIdentityCredentials/empty", "issuer": "{{GitHub}}", "name": "empty", "resourceGroup": "rg-deploy", "subject": "", "type": "{{Type}}"},
              {"audiences": ["api://AzureADTokenExchange"], "id": "{{Deploy}}", "issuer": "{{GitHub}}", "name": "misplaced", "resourceGroup": "rg-deploy", "subject": "repo:contoso/app:pull_request", "type": "{{Type}}"},
              {"audiences": ["api://AzureADTokenExchange"], "id": "{{Deploy}}/federatedIdentityCredentials/good", "issuer": "{{GitHub}}", "name": "good", "resourceGroup": "rg-deploy", "subject": "repo:contoso/app:pull_request", "type": "{{Type}}"}
            ]
            """;
        using var folder = new ScratchFolder(("identities.json", IdentityList), ("broken.json", credentials));

        // When it is loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then each broken entry has an error at its JSON path, and the good one is read
        Assert.Equal(
            [
                (AzureDiagnosticCodes.MissingField, "$[0]"),
                (AzureDiagnosticCodes.WrongShape, "$[1].subject"),
                (AzureDiagnosticCodes.MissingField, "$[2].subject"),
                (AzureDiagnosticCodes.InvalidScope, "$[3].id"),
            ],
            estate.Diagnostics.Select(d => (d.Code, d.Location.JsonPath)).OrderBy(d => d.JsonPath, StringComparer.Ordinal));
        Assert.All(estate.Diagnostics, d => Assert.Equal((DiagnosticSeverity.Error, "broken.json"), (d.Severity, Path.GetFileName(d.Location.File))));
        Assert.Equal("good", Assert.Single(estate.FederatedCredentials).Credential.Name);
    }
}
