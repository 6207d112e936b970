namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-016</c>: iam:CreatePolicyVersion + sts:AssumeRole (and iam:DeletePolicyVersion on a policy with five versions: see <see cref="PolicyVersionLimit"/>).</summary>
public sealed class CreatePolicyVersionAndAssumeEdgeChecker() : IamEdgeChecker("iam-016", IamTargetKind.OtherRoles, grantsAdmin: true, TechniqueStep.NewVersionOfTargetPolicies(), TechniqueStep.OnTarget("sts:AssumeRole"));
