using System.Text.Json;

namespace Ward.Cli.Tests;

/// <summary>
/// <c>ward scan</c>'s findings on the bundled Northwind tenant's authorization policy, as samples/microsoft.md lists
/// them (section "Tenant settings").
/// </summary>
public sealed class MicrosoftTenantSettingsScanTests
{
    private static readonly string Entra = Path.Combine(Repository.Root, "samples", "entra");

    [Fact]
    public void The_authorization_policy_findings_are_the_seeded_ones()
    {
        // Given the sample, whose authorization policy keeps the defaults of an older tenant: consent to any
        // application, invitations from everyone, users registering applications and creating tenants; guests limited
        var (exitCode, _, json) = WardRunner.RunCapturingStandardOutput("scan", Entra, "--as-of", "2026-11-28T12:00:00Z", "--format", "json");
        Assert.Equal(0, exitCode);
        var findings = JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("category").GetString() == "tenant-settings")
            .Select(f => (Rule: f.GetProperty("ruleId").GetString()!, Severity: f.GetProperty("severity").GetString()!, Tenant: f.GetProperty("principalName").GetString()!))
            .OrderBy(f => f.Rule, StringComparer.Ordinal)
            .ToList();

        // Then each is one finding for the tenant; member-like guests and consent to risky apps are not among them
        Assert.Equal(
            [
                ("entra-guest-invites-from-everyone", "low", "Northwind Traders"),
                ("entra-user-consent-allowed", "high", "Northwind Traders"),
                ("entra-users-can-create-tenants", "low", "Northwind Traders"),
                ("entra-users-can-register-apps", "low", "Northwind Traders"),
            ],
            findings);
    }
}
