namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-012</c>: iam:UpdateAssumeRolePolicy, then sts:AssumeRole under the rewritten trust policy.</summary>
/// <remarks>The assumption is decided too: a trust naming the principal does not lift an explicit Deny or an SCP.</remarks>
public sealed class UpdateAssumeRolePolicyEdgeChecker() : IamEdgeChecker("iam-012", IamTargetKind.OtherRoles, grantsAdmin: false, TechniqueStep.OnTarget("iam:UpdateAssumeRolePolicy"), TechniqueStep.AssumeUnderRewrittenTrust());
