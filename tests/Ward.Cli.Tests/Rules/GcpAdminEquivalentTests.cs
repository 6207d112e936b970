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

    [Fact]
    public void A_principal_owner_equivalent_through_its_domain_names_the_domain_and_the_containers_once()
    {
        // Given Project IAM Admin bound to domain:example.com on shared-lab, carol also holding it herself on team-lab, and
        // an organization deny policy refusing bob projects.setIamPolicy
        var findings = ScanFolder(DomainOwners);
        var alice = Single("admin-equivalent", "user:alice@example.com", findings).Text("explanation");
        var carol = Single("admin-equivalent", "user:carol@example.com", findings).Text("explanation");
        var domain = Single("admin-equivalent", "domain:example.com", findings).Text("explanation");

        // Then the domain's finding names the binding, and alice's the domain and the project only
        Assert.Contains("`projects/shared-lab` (allow policy of projects/740000000021: bindings[0]: `roles/resourcemanager.projectIamAdmin` to `domain:example.com`: grants `resourcemanager.projects.setIamPolicy`)", domain, StringComparison.Ordinal);
        Assert.Equal("`user:alice@example.com` is included in `domain:example.com`, which may change the allow policy of, and so grant itself any role on: `projects/shared-lab` (the finding on `domain:example.com` names the binding for each).", alice);

        // And carol's own binding is explained in full before what she holds through the domain
        Assert.StartsWith("`user:carol@example.com` may change the allow policy of, and so grant itself any role on: `projects/team-lab` (allow policy of projects/740000000022: bindings[0]: `roles/resourcemanager.projectIamAdmin` to `user:carol@example.com`", carol, StringComparison.Ordinal);
        Assert.EndsWith("It is also included in `domain:example.com`, which may change the allow policy of, and so grant itself any role on: `projects/shared-lab` (the finding on `domain:example.com` names the binding for each).", carol, StringComparison.Ordinal);

        // And the deny policy still keeps bob from it, as someone outside the domain is
        Assert.DoesNotContain(Of("admin-equivalent", findings), f => f.Text("principal") is "user:bob@example.com" or "user:mallory@outside.example");
    }

    private static string DomainOwners => Path.Combine(Repository.Root, "tests", "Ward.Gcp.Tests", "Fixtures", "domain-owners");
}
