using Ward.Aws.Estate;

namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-002</c>: iam:CreateAccessKey.</summary>
public sealed class CreateAccessKeyEdgeChecker() : IamEdgeChecker("iam-002", IamTargetKind.OtherUsers, grantsAdmin: false, TechniqueStep.OnTarget("iam:CreateAccessKey"))
{
    /// <summary>IAM allows two access keys per user: with both slots taken, CreateAccessKey fails (iam-003 deletes one first).</summary>
    protected override bool Admits(AwsEstate estate, string target) => !UserCredentials.HasTwoAccessKeys(estate, target);
}
