using Ward.Core.Diagnostics;
using Ward.Core.Graph;
using Ward.Microsoft.Edges.Checkers;
using static Ward.Microsoft.Tests.Testing.VaultsAndStorage;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>azure-key-vault-certificate</c> on the Fabrikam fixture: who can use a vault certificate that is a service
/// principal's credential, by signing with its key or downloading it, in each vault mode; and the twins a deny
/// assignment, NotDataActions, a narrower or other scope, the other permission mode or a non-exportable key stop.
/// </summary>
public sealed class KeyVaultCertificateEdgeCheckerTests
{
    private static readonly string RbacVault = Resource("rg-secrets", "Microsoft.KeyVault/vaults", "kv-rbac");
    private static readonly string PolicyVault = Resource("rg-secrets", "Microsoft.KeyVault/vaults", "kv-policies");

    private static List<Edge> Edges => field ??= [.. new KeyVaultCertificateEdgeChecker().Check(Context, targets: null)];

    [Fact]
    public void The_fixture_is_read_without_errors_and_with_every_certificate()
    {
        Assert.DoesNotContain(Estates.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(["kv-archive/billing-export", "kv-policies/payroll-connector", "kv-rbac/billing-export", "kv-rbac/legacy-reporter", "kv-rbac/tls-www"],
            Estates.Azure.KeyVaultCertificates.Select(c => $"{c.VaultName}/{c.Name}").Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    [Fact]
    public void A_crypto_user_of_an_RBAC_vault_signs_with_the_certificate_key_and_acts_as_the_service_principal()
    {
        // Given alice, Key Vault Crypto User of kv-rbac, which holds Billing Export's certificate
        // When the technique is checked
        var edge = Assert.Single(Edges, e => e.From.Value == Alice);

        // Then she reaches Billing Export for certain, by signing with the key (exportability does not matter)
        Assert.Equal(BillingExport, edge.To.Value);
        Assert.False(edge.IsConditional);
        var permission = Assert.Single(edge.Permissions);
        Assert.Equal(("Microsoft.KeyVault/vaults/keys/sign/action", $"{RbacVault}/keys/billing-export"), (permission.Action, permission.Resource));
        Assert.Contains("certificate `billing-export` of key vault `kv-rbac`, a credential of the application `Billing Export`", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_that_is_nobodys_credential_or_an_expired_one_leads_nowhere()
    {
        // Given alice may sign with every key of kv-rbac, tls-www (no application's) and legacy-reporter (Legacy
        // Reporter's credential, expired in 2025) included
        // Then her only edge is Billing Export's
        Assert.Equal([BillingExport], Edges.Where(e => e.From.Value == Alice).Select(e => e.To.Value), StringComparer.Ordinal);
        Assert.DoesNotContain(Edges, e => e.To.Value == LegacyReporter);
    }

    [Fact]
    public void A_secrets_user_downloads_the_certificate_only_if_its_key_is_exportable()
    {
        // Given bob, Key Vault Secrets User of kv-rbac: the certificate list does not say whether the key is exportable
        var edge = Assert.Single(Edges, e => e.From.Value == Bob);

        // Then his edge to Billing Export goes through the secret, conditional on exportability
        Assert.Equal(BillingExport, edge.To.Value);
        Assert.Equal("Microsoft.KeyVault/vaults/secrets/getSecret/action", Assert.Single(edge.Permissions).Action);
        Assert.Contains("is exportable", Assert.Single(edge.Requirements), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Carol, "a deny assignment at the resource group denies signing and getSecret")]
    [InlineData(Dave, "the custom role's notDataActions remove signing and getSecret")]
    [InlineData(Erin, "her role is assigned on the key tls-www, which does not reach billing-export")]
    [InlineData(Frank, "his role is assigned on another resource group")]
    [InlineData(Grace, "Key Vault Contributor manages an RBAC vault but reads nothing in it")]
    [InlineData(Judy, "kv-policies uses access policies, so her RBAC data role does not apply there")]
    [InlineData(Heidi, "her access policy gets secrets, but payroll-connector's key is not exportable")]
    public void The_safe_twins_reach_no_service_principal(string principal, string why)
    {
        Assert.False(Edges.Exists(e => e.From.Value == principal), why);
    }

    [Fact]
    public void An_access_policy_that_allows_signing_reaches_the_service_principal_whose_own_credential_the_certificate_is()
    {
        // Given ivan, whose access policy on kv-policies allows keys sign; payroll-connector is a credential added to
        // Payroll Connector's service principal (customKeyIdentifier in base64)
        var edge = Assert.Single(Edges, e => e.From.Value == Ivan);

        // Then he reaches the service principal, decided by the access policy
        Assert.Equal((PayrollConnector, false), (edge.To.Value, edge.IsConditional));
        Assert.Equal($"{PolicyVault}/keys/payroll-connector", Assert.Single(edge.Permissions).Resource);
        Assert.Contains("access polic", Assert.Single(edge.Permissions).GrantedBy, StringComparison.Ordinal);
        Assert.Contains("a credential of the service principal `Payroll Connector`", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_vault_whose_permission_model_is_unknown_the_edge_is_conditional_on_it_using_Azure_RBAC()
    {
        // Given oscar, Key Vault Crypto User of kv-archive, which only az resource list names (its certificates in the REST form)
        var edge = Assert.Single(Edges, e => e.From.Value == Oscar);

        // Then he reaches Billing Export if the vault uses Azure RBAC
        Assert.Equal(BillingExport, edge.To.Value);
        Assert.Contains("uses Azure RBAC", Assert.Single(edge.Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_targets_asked_for_are_checked()
    {
        // When only Payroll Connector is a target
        var edges = new KeyVaultCertificateEdgeChecker().Check(Context, new HashSet<string>([PayrollConnector], StringComparer.OrdinalIgnoreCase)).ToList();

        // Then only ivan's edge is found
        Assert.Equal([Ivan], edges.Select(e => e.From.Value), StringComparer.Ordinal);
    }
}
