using Ward.Gcp.Ingest;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Ingest;

/// <summary>Workload identity providers as <c>gcloud iam workload-identity-pools providers list --format=json</c> prints them: an X.509 provider is a known type.</summary>
public sealed class WorkloadIdentityX509Tests
{
    private const string Providers = """
        [
          {
            "name": "projects/920000000003/locations/global/workloadIdentityPools/x509/providers/certs",
            "displayName": "certs",
            "state": "ACTIVE",
            "x509": { "trustStore": { "trustAnchors": [ { "pemCertificate": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----" } ] } },
            "attributeMapping": { "google.subject": "assertion.subject.dn.cn" }
          },
          {
            "name": "projects/920000000003/locations/global/workloadIdentityPools/x509/providers/blank",
            "displayName": "blank",
            "state": "ACTIVE",
            "attributeMapping": { "google.subject": "assertion.sub" }
          }
        ]
        """;

    [Fact]
    public void An_X509_provider_is_read_as_one_with_no_issuer_and_no_warning()
    {
        // Given an X.509 provider (a trust store of the owner's certificates) and one with no type block at all
        using var folder = new ScratchFolder(("providers.json", Providers));
        var estate = GcpEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the X.509 provider is known, trusting no issuer on the internet; only the other is warned about
        var certs = Assert.Single(estate.WorkloadIdentityProviders, p => p.Name.EndsWith("/certs", StringComparison.Ordinal));
        Assert.True(certs.IsX509);
        Assert.Null(certs.IssuerUri);
        var warning = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.MissingField);
        Assert.Contains("`projects/920000000003/locations/global/workloadIdentityPools/x509/providers/blank` has no `oidc`, `aws`, `saml` or `x509` block", warning.Message, StringComparison.Ordinal);
    }
}
