using Ward.Aws.Estate;

namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-015</c>: iam:AttachUserPolicy + iam:CreateAccessKey.</summary>
public sealed class AttachUserPolicyAndCreateKeyEdgeChecker() : IamEdgeChecker("iam-015", IamTargetKind.OtherUsers, grantsAdmin: true, TechniqueStep.OnTarget("iam:AttachUserPolicy"), TechniqueStep.OnTarget("iam:CreateAccessKey"))
{
    /// <summary>IAM allows two access keys per user: with both slots taken, CreateAccessKey fails.</summary>
    protected override bool Admits(AwsEstate estate, string target) => !UserCredentials.HasTwoAccessKeys(estate, target);
}
