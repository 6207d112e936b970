namespace Ward.Gcp.Policy.OrgPolicies;

/// <summary>The effective state of a boolean constraint on a node, and what decides it.</summary>
/// <param name="Constraint">The constraint (without <c>constraints/</c>).</param>
/// <param name="State">Enforced, not, or depending on a tag condition.</param>
/// <param name="SetOn">The node whose policy decides (relative name); null when no policy does (the default, not enforced).</param>
/// <param name="Unless">
/// For <see cref="ConstraintState.EnforcedUnderCondition"/>, what must hold on the node for the constraint not to be
/// enforced there, as a requirement sentence; null otherwise.
/// </param>
public sealed record ConstraintEnforcement(string Constraint, ConstraintState State, string? SetOn, string? Unless)
{
    public static ConstraintEnforcement Default(string constraint) => new(constraint, ConstraintState.NotEnforced, null, null);

    /// <summary>The constraint and where it is enforced from, for descriptions: <c>`iam.disableServiceAccountKeyCreation` (set on `folders/2`)</c>.</summary>
    public string Describe() => SetOn is null ? $"`{Constraint}`" : $"`{Constraint}` (set on `{SetOn}`)";
}
