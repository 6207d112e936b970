using Ward.Aws.Estate;

namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-006</c>: iam:UpdateLoginProfile.</summary>
public sealed class UpdateLoginProfileEdgeChecker() : IamEdgeChecker("iam-006", IamTargetKind.OtherUsers, grantsAdmin: false, TechniqueStep.OnTarget("iam:UpdateLoginProfile"))
{
    /// <summary>A user without a console password has no login profile to update: UpdateLoginProfile fails (NoSuchEntity).</summary>
    protected override bool Admits(AwsEstate estate, string target) => UserCredentials.Of(estate, target)?.PasswordEnabled != false;
}
