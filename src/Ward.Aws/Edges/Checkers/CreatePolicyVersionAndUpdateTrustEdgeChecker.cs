namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-020</c>: iam:CreatePolicyVersion + iam:UpdateAssumeRolePolicy, then sts:AssumeRole under the rewritten trust policy.</summary>
/// <remarks>
/// The assumption is decided too: a trust naming the principal does not lift an explicit Deny or an SCP. A policy
/// with five versions needs iam:DeletePolicyVersion as well (see <see cref="PolicyVersionLimit"/>).
/// </remarks>
public sealed class CreatePolicyVersionAndUpdateTrustEdgeChecker() : IamEdgeChecker("iam-020", IamTargetKind.OtherRoles, grantsAdmin: true, TechniqueStep.NewVersionOfTargetPolicies(), TechniqueStep.OnTarget("iam:UpdateAssumeRolePolicy"), TechniqueStep.AssumeUnderRewrittenTrust());
