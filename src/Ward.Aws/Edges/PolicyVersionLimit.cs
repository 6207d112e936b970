using Ward.Aws.Estate;

namespace Ward.Aws.Edges;

/// <summary>
/// IAM keeps at most five versions of a managed policy: on a policy that has five, iam:CreatePolicyVersion fails
/// until one is removed with iam:DeletePolicyVersion (IAM API reference, CreatePolicyVersion). Techniques that write a
/// new version of a policy need that permission too when the export shows the policy full; an export that lists
/// fewer versions (or none) is taken at its word.
/// </summary>
public static class PolicyVersionLimit
{
    public const int MaxVersions = 5;

    public const string CreateAction = "iam:CreatePolicyVersion";

    public const string DeleteAction = "iam:DeletePolicyVersion";

    /// <summary>Whether the export lists as many versions of the policy as IAM keeps.</summary>
    public static bool IsFull(AwsEstate estate, string policyArn) =>
        estate.ManagedPolicies.TryGetValue(policyArn, out var policy) && policy.Versions.Length >= MaxVersions;

    /// <summary>The action a new version of the policy needs first (iam:DeletePolicyVersion when it is full), or null.</summary>
    public static string? ActionNeededFirst(AwsEstate estate, string policyArn) => IsFull(estate, policyArn) ? DeleteAction : null;
}
