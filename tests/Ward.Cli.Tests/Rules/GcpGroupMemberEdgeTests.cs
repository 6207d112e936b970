using System.Text.Json;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>gcp-group-member</c>: with Cloud Identity memberships exported beside the Google Cloud sample, a member of
/// `ci-operators` (Token Creator on the organization administrator `terraform`) gets the group's path with the
/// membership as its first step; a member of an administrators' group is itself admin-equivalent, the explanation
/// naming the group; someone in no group gets nothing.
/// </summary>
public sealed class GcpGroupMemberEdgeTests
{
    private static readonly Lazy<JsonElement[]> Findings = new(() => ScannedCopy.Findings(
        Path.Combine(Repository.Root, "samples", "gcp"),
        "2026-12-01T09:00:00Z",
        folder =>
        {
            Directory.CreateDirectory(Path.Combine(folder, "groups", "memberships"));
            File.WriteAllText(Path.Combine(folder, "groups", "groups.json"), """
                [
                  {"name": "groups/01ci0p3r4t0rs9x", "groupKey": {"id": "ci-operators@northwind.example"}, "displayName": "CI operators",
                   "labels": {"cloudidentity.googleapis.com/groups.discussion_forum": ""}, "parent": "customers/C02nw7x1q", "createTime": "2025-02-03T10:00:00.000000Z"},
                  {"name": "groups/02gcp0rg4dm1ns7", "groupKey": {"id": "gcp-org-admins@northwind.example"}, "displayName": "GCP organization admins",
                   "labels": {"cloudidentity.googleapis.com/groups.discussion_forum": ""}, "parent": "customers/C02nw7x1q", "createTime": "2024-05-14T08:00:00.000000Z"}
                ]
                """);
            File.WriteAllText(Path.Combine(folder, "groups", "memberships", "ci-operators@northwind.example.json"), """
                [{"name": "groups/01ci0p3r4t0rs9x/memberships/115522004411223344556", "preferredMemberKey": {"id": "gina.rossi@northwind.example"}, "roles": [{"name": "MEMBER"}], "type": "USER"}]
                """);
            File.WriteAllText(Path.Combine(folder, "groups", "memberships", "gcp-org-admins@northwind.example.json"), """
                [{"name": "groups/02gcp0rg4dm1ns7/memberships/117788990011223344557", "preferredMemberKey": {"id": "hana.sato@northwind.example"}, "roles": [{"name": "MEMBER"}, {"name": "OWNER"}], "type": "USER"}]
                """);
        }));

    [Fact]
    public void A_member_of_a_group_that_can_escalate_gets_the_groups_path()
    {
        var finding = Assert.Single(Findings.Value, f => f.GetProperty("ruleId").GetString() == "privilege-escalation" && f.GetProperty("principal").GetString() == "user:gina.rossi@northwind.example");

        // Either through a membership step or a step the evaluator grants through the group: the group is named.
        var steps = finding.GetProperty("path").EnumerateArray().ToList();
        Assert.Contains(steps, s => s.GetProperty("to").GetString() == "serviceAccount:terraform@nw-platform-ci.iam.gserviceaccount.com");
        Assert.Contains("ci-operators@northwind.example", finding.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_of_an_administrators_group_is_admin_equivalent_and_the_explanation_names_the_group()
    {
        var finding = Assert.Single(Findings.Value, f => f.GetProperty("ruleId").GetString() == "admin-equivalent" && f.GetProperty("principal").GetString() == "user:hana.sato@northwind.example");

        Assert.Contains("is a member of group `gcp-org-admins@northwind.example` (directly)", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Someone_in_no_group_gets_no_finding() =>
        Assert.DoesNotContain(Findings.Value, f => f.GetProperty("principal").GetString() == "user:ivan.petrov@northwind.example");
}
