namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-019</c>: iam:AttachRolePolicy + iam:UpdateAssumeRolePolicy, then sts:AssumeRole under the rewritten trust policy.</summary>
/// <remarks>The assumption is decided too: a trust naming the principal does not lift an explicit Deny or an SCP.</remarks>
public sealed class AttachRolePolicyAndUpdateTrustEdgeChecker() : IamEdgeChecker("iam-019", IamTargetKind.OtherRoles, grantsAdmin: true, TechniqueStep.OnTarget("iam:AttachRolePolicy"), TechniqueStep.OnTarget("iam:UpdateAssumeRolePolicy"), TechniqueStep.AssumeUnderRewrittenTrust());
