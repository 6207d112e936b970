using Ward.Core.Diagnostics;
using Ward.Core.Graph;
using Ward.Microsoft.Edges.Checkers;
using static Ward.Microsoft.Tests.Testing.VaultsAndStorage;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>azure-key-vault-secret-credential</c> on the Fabrikam fixture: who may read a vault secret whose name or tags
/// name an application with a current client secret, in each vault mode; and the twins no link, a partial or shared
/// display name, a disabled or expired secret, an application without a valid client secret, a certificate's managed
/// secret, a reader without getSecret and a deny assignment stop.
/// </summary>
public sealed class KeyVaultSecretCredentialEdgeCheckerTests
{
    private static readonly string RbacVault = Resource("rg-secrets", "Microsoft.KeyVault/vaults", "kv-rbac");
    private static readonly string PolicyVault = Resource("rg-secrets", "Microsoft.KeyVault/vaults", "kv-policies");

    private static List<Edge> Edges => field ??= [.. new KeyVaultSecretCredentialEdgeChecker().Check(Context, targets: null)];

    [Fact]
    public void The_fixture_is_read_without_errors_and_with_every_secret()
    {
        Assert.DoesNotContain(Estates.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(["kv-policies/crm-client-secret", "kv-policies/payroll-connector", "kv-rbac/crm-sync-2025", $"kv-rbac/crm-sync-{CrmSyncAppId}", "kv-rbac/crm-sync-previous", "kv-rbac/ledger-export-key", "kv-rbac/report-mailer-e14a7c92-0b3d-46f8-9a5e-c27d81f0b3a6", "kv-rbac/smtp-relay-password"],
            Estates.Azure.KeyVaultSecrets.Select(s => $"{s.VaultName}/{s.Name}").Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    [Fact]
    public void A_secrets_user_of_an_RBAC_vault_reads_a_secret_named_for_the_application_and_may_act_as_its_service_principal()
    {
        // Given bob, Key Vault Secrets User of kv-rbac, which holds crm-sync-<CRM Sync's appId>
        // When the technique is checked
        var edge = Assert.Single(Edges, e => e.From.Value == Bob);

        // Then he reaches CRM Sync, on the condition that the secret is its current client secret
        Assert.Equal((CrmSync, "azure-key-vault-secret-credential"), (edge.To.Value, edge.Technique));
        var permission = Assert.Single(edge.Permissions);
        Assert.Equal(("Microsoft.KeyVault/vaults/secrets/getSecret/action", $"{RbacVault}/secrets/crm-sync-{CrmSyncAppId}"), (permission.Action, permission.Resource));
        Assert.Equal($"the secret `crm-sync-{CrmSyncAppId}` of key vault `kv-rbac` holds a current client secret of `CRM Sync` (its name holds the application's id; Ward never reads secret values)", Assert.Single(edge.Requirements));
    }

    [Fact]
    public void An_access_policy_that_gets_secrets_reads_a_secret_tagged_with_the_application_name()
    {
        // Given heidi, whose access policy on kv-policies gets secrets; crm-client-secret is tagged `application: CRM Sync`
        var edge = Assert.Single(Edges, e => e.From.Value == Heidi);

        // Then she reaches CRM Sync, decided by the access policy, on the condition of what the secret holds
        Assert.Equal(CrmSync, edge.To.Value);
        var permission = Assert.Single(edge.Permissions);
        Assert.Equal($"{PolicyVault}/secrets/crm-client-secret", permission.Resource);
        Assert.Contains("access polic", permission.GrantedBy, StringComparison.Ordinal);
        Assert.Contains("its tag `application` is the application's name", Assert.Single(edge.Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_linked_current_secrets_of_applications_with_a_current_client_secret_lead_anywhere()
    {
        // Given the disabled, expired, unlinked (`application: CRM`), managed and Report Mailer secrets, and
        // ledger-export-key, tagged with a display name two applications bear
        // Then every edge is one of the two above
        Assert.Equal(["crm-client-secret", $"crm-sync-{CrmSyncAppId}"], Edges.Select(e => e.Permissions[0].Resource.Split('/')[^1]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.DoesNotContain(Edges, e => e.To.Value == ReportMailer);
        Assert.All(Edges, e => Assert.True(e.IsConditional));
    }

    [Theory]
    [InlineData(Alice, "Key Vault Crypto User signs with keys but does not read secrets")]
    [InlineData(Uma, "a deny assignment at the resource group denies getSecret")]
    [InlineData(Dave, "the custom role's notDataActions remove getSecret")]
    [InlineData(Grace, "Key Vault Contributor manages an RBAC vault but reads nothing in it")]
    [InlineData(Ivan, "his access policy on kv-policies allows keys only")]
    [InlineData(Judy, "kv-policies uses access policies, so her RBAC data role does not apply there")]
    public void The_safe_twins_reach_no_service_principal(string principal, string why)
    {
        Assert.False(Edges.Exists(e => e.From.Value == principal), why);
    }

    [Fact]
    public void Only_the_targets_asked_for_are_checked()
    {
        // When only Billing Export is a target (no secret names it)
        var edges = new KeyVaultSecretCredentialEdgeChecker().Check(Context, new HashSet<string>([BillingExport], StringComparer.OrdinalIgnoreCase));

        // Then nothing is found
        Assert.Empty(edges);
    }
}
