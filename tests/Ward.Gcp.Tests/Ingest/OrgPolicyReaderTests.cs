using Ward.Gcp.Iam;
using Ward.Gcp.Ingest;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Ingest;

public sealed class OrgPolicyReaderTests
{
    [Fact]
    public void Asset_exports_and_org_policies_lists_are_read_each_on_the_node_the_hierarchy_names()
    {
        // Given the lab: v1 policies in an asset export, v2 policies from gcloud org-policies list (one naming its project by id)
        var estate = GcpFixtures.OrgPolicies;

        // Then the organization's boolean and list policies, the reset, the tag rule and the dry run are on their nodes
        Assert.True(estate.OrgPoliciesExported);
        Assert.Equal([new OrgPolicyRule(true, null)], estate.FindOrgPolicy("organizations/700000000001", "iam.disableServiceAccountKeyCreation")!.Rules);
        Assert.Equal([new OrgPolicyRule(true, null)], estate.FindOrgPolicy("organizations/700000000001", "iam.disableServiceAccountKeyUpload")!.Rules);
        Assert.Equal([new OrgPolicyRule(null, null)], estate.FindOrgPolicy("organizations/700000000001", "iam.allowedPolicyMemberDomains")!.Rules);
        Assert.True(estate.FindOrgPolicy("projects/720000000002", "iam.disableServiceAccountKeyCreation")!.Reset);
        Assert.Equal(
            [new OrgPolicyRule(false, null), new OrgPolicyRule(true, "resource.matchTag('700000000001/env', 'prod')")],
            estate.FindOrgPolicy("projects/720000000003", "iam.disableServiceAccountKeyCreation")!.Rules);
        Assert.Empty(estate.FindOrgPolicy("projects/720000000004", "iam.disableServiceAccountKeyCreation")!.Rules);
        Assert.DoesNotContain(estate.Diagnostics, d => d.Severity != Core.Diagnostics.DiagnosticSeverity.Info);
        Assert.Contains(estate.Inputs, i => i.Path.EndsWith("org-policy.json", StringComparison.Ordinal) && i.Note.Contains("3 organization policies", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rule_whose_enforce_is_not_a_boolean_is_reported_at_its_path_and_skipped()
    {
        // Given a v2 policy whose rule says "enforce": "true"
        using var scratch = new ScratchFolder(("p.json", """
            [
              {
                "name": "projects/720000000001/policies/iam.disableServiceAccountKeyCreation",
                "spec": { "rules": [ { "enforce": "true" } ] }
              }
            ]
            """));

        // When it is loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then the rule is reported where it is, and the policy kept without it
        var wrong = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.WrongShape);
        Assert.Equal("$[0].spec.rules[0].enforce", wrong.Location.JsonPath);
        Assert.Equal(4, wrong.Location.Line);
        Assert.Empty(Assert.Single(estate.OrgPolicies).Rules);
    }

    [Fact]
    public void A_policy_named_on_a_node_outside_the_hierarchy_is_kept_and_reported()
    {
        // Given the lab and a policy of a project it does not hold
        using var scratch = new ScratchFolder();
        scratch.CopyFrom(GcpFixtures.OrgPoliciesFolder);
        scratch.Write("org-policies/projects-gone.json", """[{"name": "projects/799999999999/policies/iam.disableServiceAccountKeyCreation", "spec": {"rules": [{"enforce": true}]}}]""");

        // When it is loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then a warning names the project, at the policy's file
        var problem = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.HierarchyProblem);
        Assert.Contains("`projects/799999999999`", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("projects-gone.json", problem.Location.File, StringComparison.Ordinal);
        Assert.NotNull(estate.FindOrgPolicy("projects/799999999999", "iam.disableServiceAccountKeyCreation"));
    }
}
