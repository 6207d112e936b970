namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-021</c>: iam:PutRolePolicy + iam:UpdateAssumeRolePolicy, then sts:AssumeRole under the rewritten trust policy.</summary>
/// <remarks>The assumption is decided too: a trust naming the principal does not lift an explicit Deny or an SCP.</remarks>
public sealed class PutRolePolicyAndUpdateTrustEdgeChecker() : IamEdgeChecker("iam-021", IamTargetKind.OtherRoles, grantsAdmin: true, TechniqueStep.OnTarget("iam:PutRolePolicy"), TechniqueStep.OnTarget("iam:UpdateAssumeRolePolicy"), TechniqueStep.AssumeUnderRewrittenTrust());
