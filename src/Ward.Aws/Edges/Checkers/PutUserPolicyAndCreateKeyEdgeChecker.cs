using Ward.Aws.Estate;

namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-018</c>: iam:PutUserPolicy + iam:CreateAccessKey.</summary>
public sealed class PutUserPolicyAndCreateKeyEdgeChecker() : IamEdgeChecker("iam-018", IamTargetKind.OtherUsers, grantsAdmin: true, TechniqueStep.OnTarget("iam:PutUserPolicy"), TechniqueStep.OnTarget("iam:CreateAccessKey"))
{
    /// <summary>IAM allows two access keys per user: with both slots taken, CreateAccessKey fails.</summary>
    protected override bool Admits(AwsEstate estate, string target) => !UserCredentials.HasTwoAccessKeys(estate, target);
}
