using static Ward.Cli.Tests.Rules.GcpFindingsScan;

namespace Ward.Cli.Tests.Rules;

/// <summary><c>admin-equivalent</c> on the Contoso Google Cloud export: the highest containers a principal is owner-equivalent of.</summary>
public sealed class GcpAdminEquivalentTests
{
    [Fact]
    public void Containers_owned_for_one_reason_are_listed_together_with_it_once()
    {
        // Given Owner bound on the organization, which grants setIamPolicy on each of its three projects (not on itself)
        var finding = Single("admin-equivalent", "user:root-admin@contoso.example");

        // Then the projects are named in one list, followed by the binding once
        var explanation = finding.Text("explanation");
        Assert.Equal("`user:root-admin@contoso.example` is owner-equivalent of `projects/ct-ops` and 2 more", finding.Text("title"));
        Assert.Contains("`projects/ct-ops`, `projects/ct-app`, `projects/ct-data` (allow policy of organizations/940000000001: bindings[0]: `roles/owner` to `user:root-admin@contoso.example`: grants `resourcemanager.projects.setIamPolicy`)", explanation, StringComparison.Ordinal);
        Assert.Equal(2, explanation.Split("allow policy of organizations/940000000001").Length);
    }
}
