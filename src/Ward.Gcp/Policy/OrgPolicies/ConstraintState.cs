namespace Ward.Gcp.Policy.OrgPolicies;

/// <summary>Whether a boolean constraint is enforced on a node, as its effective organization policy says.</summary>
public enum ConstraintState
{
    NotEnforced,

    Enforced,

    /// <summary>Enforced or not depending on a rule condition over tags that Ward could not decide (the node's tags were not exported).</summary>
    EnforcedUnderCondition,
}
