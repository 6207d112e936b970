using Ward.Core.Decisions;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Conditions;
using Ward.Gcp.Policy.Evaluation;

namespace Ward.Gcp.Edges;

/// <summary>What the tag techniques (<c>gcp-tag-binding</c>, <c>gcp-tag-unbinding</c>) share: where a tag can change an answer, and how answers compare.</summary>
internal static class TagConditions
{
    /// <summary>Whether an allow binding reaching the container may grant its <c>setIamPolicy</c> under a condition on tags: only then can binding or deleting a tag change who holds it through an allow policy.</summary>
    public static bool HasTagConditionedGrant(GcpEdgeContext context, GcpResource resource, string setIamPolicy) =>
        resource.PolicyHolders
            .Select(h => ResourceLocator.PolicyOf(context.Estate, h))
            .OfType<IamPolicy>()
            .SelectMany(p => p.Bindings)
            .Any(b => b.Condition is { } condition
                && IamCondition.MentionsTags(condition.Expression)
                && BasicRoles.MayInclude(context.Estate.FindRole(b.Role), b.Role, setIamPolicy));

    /// <summary>Whether a deny rule has a denial condition on tags: without one, deleting a tag binding lifts no denial.</summary>
    public static bool HasTagConditionedDeny(GcpEstate estate) =>
        estate.DenyPolicies.SelectMany(p => p.Rules).Any(r => r.DenialCondition is { } condition
            && IamCondition.MentionsTags(condition.Expression));

    /// <summary>Allowed above Conditional or undecided, above denied.</summary>
    public static int Rank(DecisionKind kind) => kind switch
    {
        DecisionKind.Allowed => 2,
        DecisionKind.Conditional or DecisionKind.Indeterminate => 1,
        _ => 0,
    };
}
