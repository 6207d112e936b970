namespace Ward.Gcp.Iam;

/// <summary>One rule of an organization policy.</summary>
/// <param name="Enforce">For a boolean constraint, whether the rule enforces it; null for a list constraint's rule (values, allow or deny all).</param>
/// <param name="Condition">The rule's condition (a CEL expression over the resource's tags); null: the rule applies everywhere below the policy.</param>
public sealed record OrgPolicyRule(bool? Enforce, string? Condition);
