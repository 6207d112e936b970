using Ward.Gcp.Policy.OrgPolicies;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Policy;

public sealed class OrgPolicyEvaluatorTests
{
    private const string Legacy = "iam.disableServiceAccountKeyCreation";
    private const string Managed = "iam.managed.disableServiceAccountKeyCreation";

    public static TheoryData<string, string, ConstraintState, string?> Cases => new()
    {
        // Inherited from the organization; reset on the project; a tag rule; a dry run changes nothing; the folder's managed constraint.
        { "op-locked", Legacy, ConstraintState.Enforced, "organizations/700000000001" },
        { "op-reset", Legacy, ConstraintState.NotEnforced, "projects/720000000002" },
        { "op-tagged", Legacy, ConstraintState.EnforcedUnderCondition, "projects/720000000003" },
        { "op-dryrun", Legacy, ConstraintState.Enforced, "organizations/700000000001" },
        { "op-managed", Managed, ConstraintState.Enforced, "folders/710000000001" },
        { "op-locked", Managed, ConstraintState.NotEnforced, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_closest_policy_with_live_rules_decides_a_boolean_constraint(string project, string constraint, ConstraintState expected, string? setOn)
    {
        // Given a project of the lab and its ancestry
        var node = GcpFixtures.OrgPolicies.FindNode("projects/" + project)!;

        // When the constraint is evaluated there
        var enforcement = OrgPolicyEvaluator.Evaluate(GcpFixtures.OrgPolicies, node.Ancestors, constraint);

        // Then the state and the deciding node are as the policies say
        Assert.Equal(expected, enforcement.State);
        Assert.Equal(setOn, enforcement.SetOn);
        Assert.Equal(expected == ConstraintState.EnforcedUnderCondition, enforcement.Unless is not null);
    }

    [Fact]
    public void A_tag_rule_is_named_in_the_requirement()
    {
        // Given op-tagged, not enforced except under a tag
        var node = GcpFixtures.OrgPolicies.FindNode("projects/op-tagged")!;

        // When evaluated
        var enforcement = OrgPolicyEvaluator.Evaluate(GcpFixtures.OrgPolicies, node.Ancestors, Legacy);

        // Then the requirement quotes the condition, which must not hold
        Assert.Contains("`resource.matchTag('700000000001/env', 'prod')`", enforcement.Unless, StringComparison.Ordinal);
        Assert.Contains("must not hold", enforcement.Unless, StringComparison.Ordinal);
    }
}
