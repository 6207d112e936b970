using Ward.Core.Graph;
using Ward.Microsoft.Edges.Checkers;
using static Ward.Microsoft.Tests.Testing.VaultsAndStorage;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>azure-key-vault-access-policy</c> on the Fabrikam fixture: a Key Vault Contributor of a vault in access-policy
/// mode gives itself access to a certificate that is a service principal's credential, or to a secret that names an
/// application (conditional); not under a deny assignment,
/// and not on a vault in RBAC mode.
/// </summary>
public sealed class KeyVaultAccessPolicyEdgeCheckerTests
{
    private static List<Edge> Edges => field ??= [.. new KeyVaultAccessPolicyEdgeChecker().Check(Context, targets: null)];

    [Fact]
    public void A_Key_Vault_Contributor_of_an_access_policy_vault_grants_itself_the_certificate()
    {
        // Given mallory, Key Vault Contributor of kv-policies, which holds Payroll Connector's certificate
        var edge = Assert.Single(Edges, e => e.From.Value == Mallory && e.To.Value == PayrollConnector);

        // Then she reaches Payroll Connector for certain (she can give herself keys sign: exportability does not matter)
        Assert.Equal((PayrollConnector, false), (edge.To.Value, edge.IsConditional));
        Assert.Equal("Microsoft.KeyVault/vaults/accessPolicies/write", Assert.Single(edge.Permissions).Action);
        Assert.Contains("Key Vault Contributor", Assert.Single(edge.Permissions).GrantedBy, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Key_Vault_Contributor_of_an_access_policy_vault_grants_itself_a_secret_that_names_an_application()
    {
        // Given mallory again, and kv-policies' crm-client-secret, tagged `application: CRM Sync`
        var edge = Assert.Single(Edges, e => e.From.Value == Mallory && e.To.Value == CrmSync);

        // Then she reaches CRM Sync by rewriting the policies, on the condition of what the secret holds
        Assert.True(edge.IsConditional);
        Assert.Equal("Microsoft.KeyVault/vaults/accessPolicies/write", Assert.Single(edge.Permissions).Action);
        Assert.Contains("the secret `crm-client-secret` of key vault `kv-policies` holds a current client secret of `CRM Sync`", Assert.Single(edge.Requirements), StringComparison.Ordinal);
        Assert.Contains("reads the secret", edge.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Niaj, "a deny assignment denies writing the vault and its access policies")]
    [InlineData(Grace, "kv-rbac uses Azure RBAC: its access policies decide nothing")]
    [InlineData(Ivan, "an access policy is data-plane access, not the right to write policies")]
    public void The_safe_twins_get_no_edge(string principal, string why)
    {
        Assert.False(Edges.Exists(e => e.From.Value == principal), why);
    }

    [Fact]
    public void Only_Mallory_rewrites_access_policies()
    {
        Assert.Equal([Mallory], Edges.Select(e => e.From.Value).Distinct(StringComparer.Ordinal), StringComparer.Ordinal);
    }
}
