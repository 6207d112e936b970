using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Ingest;
using Ward.Microsoft.Tests.Azure.Testing;

namespace Ward.Microsoft.Tests.Azure.Ingest;

/// <summary>Key vault secret lists (metadata only), in the az CLI form and the Key Vault REST form, and broken ones.</summary>
public sealed class KeyVaultSecretReaderTests
{
    private const string ResourceList = """
        [ { "id": "/subscriptions/3f9a1c7e-5b2d-4a8f-9e6c-1d3b5a7f9c2e/resourceGroups/rg-build/providers/Microsoft.KeyVault/vaults/kv-build", "identity": null, "location": "westeurope", "name": "kv-build", "resourceGroup": "rg-build", "type": "Microsoft.KeyVault/vaults" } ]
        """;

    [Fact]
    public void The_az_form_gives_each_secret_its_content_type_tags_state_and_expiry()
    {
        // Given az keyvault secret list, the vault's host in capitals, one secret disabled
        var list = """
            [
              {
                "attributes": { "created": "2026-02-01T10:00:00+00:00", "enabled": true, "expires": "2027-06-30T00:00:00+00:00", "notBefore": null, "recoverableDays": 90, "recoveryLevel": "Recoverable", "updated": "2026-02-01T10:00:00+00:00" },
                "contentType": "text/plain", "id": "https://KV-BUILD.vault.azure.net/secrets/deploy-client-secret", "managed": null, "name": "deploy-client-secret",
                "tags": { "application": "Deploy Bot", "owner": "platform" }
              },
              {
                "attributes": { "created": "2025-01-01T00:00:00+00:00", "enabled": false, "expires": null, "notBefore": null, "recoverableDays": 90, "recoveryLevel": "Recoverable", "updated": "2025-06-01T00:00:00+00:00" },
                "contentType": null, "id": "https://kv-build.vault.azure.net/secrets/old-client-secret", "managed": null, "name": "old-client-secret", "tags": {}
              }
            ]
            """;
        using var folder = new ScratchFolder(("resources.json", ResourceList), ("secrets.json", list));

        // When it is loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then both are read, related to the vault by the id's host
        Assert.DoesNotContain(estate.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal(2, estate.KeyVaultSecrets.Length);
        var current = estate.KeyVaultSecrets[0];
        Assert.Equal(("kv-build", "deploy-client-secret", "text/plain", true, false), (current.VaultName, current.Name, current.ContentType, current.Enabled, current.Managed));
        Assert.Equal([new("application", "Deploy Bot"), new("owner", "platform")], current.Tags);
        Assert.Equal(new DateTimeOffset(2027, 6, 30, 0, 0, 0, TimeSpan.Zero), current.Expires);
        Assert.False(estate.KeyVaultSecrets[1].IsValidAt(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Contains(estate.Inputs, i => i.Note == "2 key vault secrets");
    }

    [Fact]
    public void The_current_entry_of_a_secret_wins_over_its_versions_whatever_the_file_order()
    {
        // Given az keyvault secret list-versions (an old version, disabled) in a file read before the vault's secret list
        var versions = """
            [ { "attributes": { "created": "2025-01-01T00:00:00+00:00", "enabled": false, "expires": null, "updated": "2025-06-01T00:00:00+00:00" },
                "contentType": null, "id": "https://kv-build.vault.azure.net/secrets/deploy-client-secret/0a1b2c3d4e5f60718293a4b5c6d7e8f9", "managed": null, "name": "deploy-client-secret", "tags": {} } ]
            """;
        var list = """
            [ { "attributes": { "created": "2026-02-01T10:00:00+00:00", "enabled": true, "expires": null, "updated": "2026-02-01T10:00:00+00:00" },
                "contentType": "text/plain", "id": "https://kv-build.vault.azure.net/secrets/deploy-client-secret", "managed": null, "name": "deploy-client-secret", "tags": {} } ]
            """;
        using var folder = new ScratchFolder(("resources.json", ResourceList), ("secrets-a-versions.json", versions), ("secrets-b.json", list));

        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the secret is the current entry: enabled, as the secret list says
        var secret = Assert.Single(estate.KeyVaultSecrets);
        Assert.Equal((false, true, "text/plain"), (secret.IsVersion, secret.Enabled, secret.ContentType));
    }

    [Fact]
    public void The_REST_form_gives_the_name_from_the_id_and_the_expiry_in_Unix_seconds()
    {
        // Given a Key Vault REST page (GET {vault}/secrets), with a certificate's managed secret
        var page = """
            {
              "value": [
                { "id": "https://kv-build.vault.azure.net/secrets/deploy-client-secret", "attributes": { "enabled": true, "exp": 1814400000, "created": 1769940000, "updated": 1769940000, "recoveryLevel": "Recoverable+Purgeable" }, "contentType": "text/plain", "tags": {} },
                { "id": "https://kv-build.vault.azure.net/secrets/deploy-signing", "managed": true, "attributes": { "enabled": true, "created": 1769940000, "updated": 1769940000 }, "contentType": "application/x-pkcs12" }
              ],
              "nextLink": null
            }
            """;
        using var folder = new ScratchFolder(("resources.json", ResourceList), ("secrets-1.json", page));

        // When it is loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the name comes from the id, the expiry from `exp`, and the managed one is known as such
        Assert.DoesNotContain(estate.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal([("deploy-client-secret", false, (DateTimeOffset?)new DateTimeOffset(2027, 7, 1, 0, 0, 0, TimeSpan.Zero)), ("deploy-signing", true, null)],
            estate.KeyVaultSecrets.Select(s => (s.Name, s.Managed, s.Expires)));
    }

    [Fact]
    public void A_secret_of_a_vault_the_inventory_lacks_is_kept_and_reported()
    {
        // Given a secret list of kv-other, which az resource list does not name
        var list = """[ { "attributes": { "enabled": true }, "id": "https://kv-other.vault.azure.net/secrets/api-key", "name": "api-key", "tags": {} } ]""";
        using var folder = new ScratchFolder(("resources.json", ResourceList), ("secrets.json", list));

        // When it is loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the secret is kept, and a warning names the vault, located at the entry
        Assert.Single(estate.KeyVaultSecrets);
        var warning = Assert.Single(estate.Diagnostics, d => d.Code == "WARD6015");
        Assert.Contains("1 secret belongs to key vault `kv-other`", warning.Message, StringComparison.Ordinal);
        Assert.Equal(("secrets.json", "$[0]"), (Path.GetFileName(warning.Location.File), warning.Location.JsonPath));
    }

    [Fact]
    public void Malformed_tags_and_attributes_are_reported_where_they_are_and_the_secret_kept()
    {
        // Given a tag that is a number and an `exp` that is a date string
        var list = """[ { "attributes": { "enabled": true, "exp": "2027-01-01" }, "id": "https://kv-build.vault.azure.net/secrets/api-key", "tags": { "application": 42, "owner": "platform" } } ]""";
        using var folder = new ScratchFolder(("resources.json", ResourceList), ("secrets.json", list));

        // When it is loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then each is reported at its path; the secret is kept with its readable tag and no expiry
        var secret = Assert.Single(estate.KeyVaultSecrets);
        Assert.Equal([new("owner", "platform")], secret.Tags);
        Assert.Null(secret.Expires);
        Assert.Equal(["$[0].attributes.exp", "$[0].tags.application"], estate.Diagnostics.Where(d => d.Code == "WARD6004").Select(d => d.Location.JsonPath).Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }
}
