namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-001</c>: iam:CreatePolicyVersion (and iam:DeletePolicyVersion on a policy with five versions: see <see cref="PolicyVersionLimit"/>).</summary>
public sealed class CreatePolicyVersionOnOwnPolicyEdgeChecker() : IamEdgeChecker("iam-001", IamTargetKind.Self, grantsAdmin: true, TechniqueStep.NewVersionOfTargetPolicies());
