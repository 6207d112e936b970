using System.Text.Json;
using static Ward.Cli.Tests.Rules.GcpFindingsScan;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// Google's service agents are known by their domains (Google's own projects), not by the name before the <c>@</c>:
/// on the Contoso export, ct-app's allow policy also binds Owner to an account named like a project's agent in a
/// project anyone may create, beside a real Compute Engine agent holding Editor and BigQuery's customer-managed
/// encryption account holding object read. The first is an outsider with a basic role; the other two are Google's.
/// </summary>
public sealed class GcpServiceAgentLookalikeTests
{
    private const string Lookalike = "serviceAccount:service-123456789012@attacker-proj.iam.gserviceaccount.com";
    private const string ComputeAgent = "serviceAccount:service-960000000001@compute-system.iam.gserviceaccount.com";
    private const string BigQueryEncryption = "serviceAccount:bq-960000000001@bigquery-encryption.iam.gserviceaccount.com";

    private static readonly Lazy<JsonElement[]> Findings = new(() => ScannedCopy.Findings(Folder, AsOf, folder =>
    {
        var policies = Path.Combine(folder, "assets", "iam-policy.json");
        const string CtAppBindings = "\"name\":\"//cloudresourcemanager.googleapis.com/projects/960000000001\",\"asset_type\":\"cloudresourcemanager.googleapis.com/Project\",\"iam_policy\":{\"version\":3,\"etag\":\"BwYTc0nT0s0=\",\"bindings\":[";
        var text = File.ReadAllText(policies);
        Assert.Contains(CtAppBindings, text, StringComparison.Ordinal);
        File.WriteAllText(policies, text.Replace(CtAppBindings, CtAppBindings + $$"""
            {"role":"roles/owner","members":["{{Lookalike}}"]},{"role":"roles/editor","members":["{{ComputeAgent}}"]},{"role":"roles/storage.objectViewer","members":["{{BigQueryEncryption}}"]},
            """, StringComparison.Ordinal));
    }));

    [Fact]
    public void An_account_named_like_a_service_agent_in_another_project_is_an_outsider_with_a_basic_role()
    {
        // Given service-123456789012@attacker-proj: a name any customer may give an account of its own project
        var basic = Single("gcp-basic-role", Lookalike, Findings.Value);
        var outsider = Single("gcp-external-domain-member", Lookalike, Findings.Value);

        // Then it is reported as what it is: a service account of a project outside the organization, holding Owner
        Assert.Equal("high", basic.Text("severity"));
        Assert.Equal("high", outsider.Text("severity"));
        Assert.Contains("a service account of project `attacker-proj`, which is not in the exported organization", outsider.Text("explanation"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ComputeAgent)]          // service-NUMBER@compute-system: Compute Engine's agent
    [InlineData(BigQueryEncryption)]    // bq-NUMBER@bigquery-encryption: BigQuery's customer-managed encryption account
    public void Googles_agents_in_Googles_projects_are_not_reported(string agent)
    {
        Assert.DoesNotContain(Of("gcp-basic-role", Findings.Value), f => f.Text("principal") == agent);
        Assert.DoesNotContain(Of("gcp-external-domain-member", Findings.Value), f => f.Text("principal") == agent);
    }
}
