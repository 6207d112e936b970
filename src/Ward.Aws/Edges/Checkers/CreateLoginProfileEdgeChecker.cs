using Ward.Aws.Estate;

namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-004</c>: iam:CreateLoginProfile.</summary>
public sealed class CreateLoginProfileEdgeChecker() : IamEdgeChecker("iam-004", IamTargetKind.OtherUsers, grantsAdmin: false, TechniqueStep.OnTarget("iam:CreateLoginProfile"))
{
    /// <summary>A user with a console password already has a login profile: CreateLoginProfile fails (EntityAlreadyExists).</summary>
    protected override bool Admits(AwsEstate estate, string target) => UserCredentials.Of(estate, target)?.PasswordEnabled != true;
}
