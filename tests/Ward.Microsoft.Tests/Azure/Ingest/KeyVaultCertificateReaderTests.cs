using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Ingest;
using Ward.Microsoft.Tests.Azure.Testing;

namespace Ward.Microsoft.Tests.Azure.Ingest;

/// <summary>Key vault certificate lists, in the az CLI list and show forms and the Key Vault REST form, and broken ones.</summary>
public sealed class KeyVaultCertificateReaderTests
{
    private const string Vault = "/subscriptions/3f9a1c7e-5b2d-4a8f-9e6c-1d3b5a7f9c2e/resourceGroups/rg-build/providers/Microsoft.KeyVault/vaults/kv-build";

    private const string ResourceList = $$"""
        [ { "id": "{{Vault}}", "identity": null, "location": "westeurope", "name": "kv-build", "resourceGroup": "rg-build", "type": "Microsoft.KeyVault/vaults" } ]
        """;

    [Fact]
    public void The_list_form_gives_each_certificate_its_thumbprint_state_and_expiry()
    {
        // Given az keyvault certificate list, one certificate disabled
        var list = """
            [
              {
                "attributes": { "created": "2026-03-01T08:12:44+00:00", "enabled": true, "expires": "2027-03-01T08:12:44+00:00", "notBefore": "2026-03-01T00:00:00+00:00", "recoveryLevel": "Recoverable", "updated": "2026-03-01T08:12:44+00:00" },
                "id": "https://kv-build.vault.azure.net/certificates/deploy-signing", "name": "deploy-signing", "subject": "", "tags": {},
                "x509Thumbprint": "nzphwrTYXgehw+X3CStNb4oMLkE=", "x509ThumbprintHex": "9F3A61C2B4D85E07A1C3E5F7092B4D6F8A0C2E41"
              },
              {
                "attributes": { "created": "2025-01-01T00:00:00+00:00", "enabled": false, "expires": "2027-01-01T00:00:00+00:00", "notBefore": null, "recoveryLevel": "Recoverable", "updated": "2025-06-01T00:00:00+00:00" },
                "id": "https://kv-build.vault.azure.net/certificates/old-signing", "name": "old-signing", "subject": "", "tags": {},
                "x509Thumbprint": "K34VFiiu0qar9xWICc9PPHYucWA=", "x509ThumbprintHex": null
              }
            ]
            """;
        using var folder = new ScratchFolder(("resources.json", ResourceList), ("certificates.json", list));

        // When it is loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then both are read (the hex form first, else the base64 form), with the vault's name from the id's host
        Assert.DoesNotContain(estate.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal(2, estate.KeyVaultCertificates.Length);
        var current = estate.KeyVaultCertificates[0];
        Assert.Equal(("kv-build", "deploy-signing", "9F3A61C2B4D85E07A1C3E5F7092B4D6F8A0C2E41", true, null), (current.VaultName, current.Name, current.Thumbprint, current.Enabled, current.Exportable));
        Assert.Equal(new DateTimeOffset(2027, 3, 1, 8, 12, 44, TimeSpan.Zero), current.Expires);
        var disabled = estate.KeyVaultCertificates[1];
        Assert.Equal("2B7E151628AED2A6ABF7158809CF4F3C762E7160", disabled.Thumbprint);
        Assert.False(disabled.IsValidAt(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(["kv-build"], estate.CertificatesOf(Assert.Single(estate.Resources)).Select(c => c.VaultName).Distinct(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Contains(estate.Inputs, i => i.Note == "2 key vault certificates");
    }

    [Fact]
    public void The_show_form_adds_whether_the_key_is_exportable_to_the_listed_certificate()
    {
        // Given the list entry and az keyvault certificate show of the same certificate (versioned id, policy)
        var list = """[ { "attributes": { "enabled": true, "expires": "2027-03-01T08:12:44+00:00" }, "id": "https://kv-build.vault.azure.net/certificates/deploy-signing", "name": "deploy-signing", "x509ThumbprintHex": "9F3A61C2B4D85E07A1C3E5F7092B4D6F8A0C2E41" } ]""";
        var show = """
            {
              "attributes": { "enabled": true, "expires": "2027-03-01T08:12:44+00:00" },
              "cer": "MIIC", "id": "https://kv-build.vault.azure.net/certificates/deploy-signing/6f1c0d2b9a8e4f3c8b7a6d5e4f3a2b1c",
              "kid": "https://kv-build.vault.azure.net/keys/deploy-signing/6f1c0d2b9a8e4f3c8b7a6d5e4f3a2b1c", "name": "deploy-signing",
              "policy": { "keyProperties": { "curve": null, "exportable": false, "keySize": 2048, "keyType": "RSA", "reuseKey": false }, "secretProperties": { "contentType": "application/x-pkcs12" } },
              "sid": "https://kv-build.vault.azure.net/secrets/deploy-signing/6f1c0d2b9a8e4f3c8b7a6d5e4f3a2b1c", "tags": {},
              "x509Thumbprint": "nzphwrTYXgehw+X3CStNb4oMLkE=", "x509ThumbprintHex": "9F3A61C2B4D85E07A1C3E5F7092B4D6F8A0C2E41"
            }
            """;
        using var folder = new ScratchFolder(("resources.json", ResourceList), ("a-list.json", list), ("b-show.json", show));

        // When they are loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then one certificate is kept, known not to be exportable
        var certificate = Assert.Single(estate.KeyVaultCertificates);
        Assert.False(certificate.Exportable);
    }

    [Fact]
    public void The_REST_form_gives_the_thumbprint_in_base64url_and_the_expiry_in_Unix_seconds()
    {
        // Given a Key Vault REST page (GET {vault}/certificates), and a certificate's GET with the REST policy spelling
        var page = """
            { "value": [ { "id": "https://kv-build.vault.azure.net/certificates/deploy-signing", "x5t": "nzphwrTYXgehw-X3CStNb4oMLkE",
                           "attributes": { "enabled": true, "nbf": 1772323200, "exp": 1803859200, "created": 1772352764, "updated": 1772352764 }, "tags": {} } ],
              "nextLink": null }
            """;
        var get = """
            { "id": "https://kv-build.vault.azure.net/certificates/deploy-signing/6f1c0d2b9a8e4f3c8b7a6d5e4f3a2b1c", "x5t": "nzphwrTYXgehw-X3CStNb4oMLkE",
              "attributes": { "enabled": true, "exp": 1803859200 },
              "policy": { "id": "https://kv-build.vault.azure.net/certificates/deploy-signing/policy", "key_props": { "exportable": true, "kty": "RSA", "key_size": 2048, "reuse_key": false } } }
            """;
        using var folder = new ScratchFolder(("resources.json", ResourceList), ("a-page.json", page), ("b-get.json", get));

        // When they are loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the certificate has the same thumbprint as in the az CLI forms, its expiry, and an exportable key
        Assert.DoesNotContain(estate.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        var certificate = Assert.Single(estate.KeyVaultCertificates);
        Assert.Equal("9F3A61C2B4D85E07A1C3E5F7092B4D6F8A0C2E41", certificate.Thumbprint);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1803859200), certificate.Expires);
        Assert.True(certificate.Exportable);
    }

    [Fact]
    public void Broken_certificates_are_reported_where_they_are_and_a_vault_missing_from_the_inventory_is_named()
    {
        // Given a thumbprint that is not one, a certificate without a usable thumbprint field, an id that is a
        // secret's (read as a secret, whatever else it carries), bad attributes, and a certificate of a vault the inventory does not hold
        var list = """
            [
              { "id": "https://kv-build.vault.azure.net/certificates/short", "name": "short", "x509ThumbprintHex": "9F3A61" },
              { "id": "https://kv-build.vault.azure.net/certificates/blank", "name": "blank", "x509ThumbprintHex": 42 },
              { "id": "https://kv-build.vault.azure.net/secrets/not-a-certificate", "x509ThumbprintHex": "9F3A61C2B4D85E07A1C3E5F7092B4D6F8A0C2E41" },
              { "attributes": "enabled", "id": "https://kv-build.vault.azure.net/certificates/odd", "x509ThumbprintHex": "9F3A61C2B4D85E07A1C3E5F7092B4D6F8A0C2E41" },
              { "attributes": { "exp": "soon" }, "id": "https://kv-elsewhere.vault.azure.net/certificates/stray", "x509ThumbprintHex": "2B7E151628AED2A6ABF7158809CF4F3C762E7160" }
            ]
            """;
        using var folder = new ScratchFolder(("resources.json", ResourceList), ("certificates.json", list));

        // When it is loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then each problem is located, the readable certificates are kept
        Assert.Contains(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.WrongShape && d.Severity == DiagnosticSeverity.Error && d.Location.JsonPath == "$[0].x509ThumbprintHex" && d.Message.Contains("`9F3A61` is not a SHA-1 thumbprint", StringComparison.Ordinal));
        Assert.Contains(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.WrongShape && d.Location.JsonPath == "$[1].x509ThumbprintHex" && d.Message.Contains("must be a string", StringComparison.Ordinal));
        Assert.Equal("not-a-certificate", Assert.Single(estate.KeyVaultSecrets).Name);
        Assert.Contains(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.WrongShape && d.Severity == DiagnosticSeverity.Warning && d.Location.JsonPath == "$[3].attributes");
        Assert.Contains(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.WrongShape && d.Location.JsonPath == "$[4].attributes.exp");
        Assert.Contains(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.DanglingResource && d.Location.JsonPath == "$[4]" && d.Message.Contains("`kv-elsewhere`", StringComparison.Ordinal));
        Assert.All(estate.Diagnostics.Where(d => d.Location.JsonPath is not null), d => Assert.NotNull(d.Location.Line));
        Assert.Equal(["odd", "stray"], estate.KeyVaultCertificates.Select(c => c.Name), StringComparer.Ordinal);
    }
}
