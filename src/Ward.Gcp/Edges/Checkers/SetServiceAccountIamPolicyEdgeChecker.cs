namespace Ward.Gcp.Edges.Checkers;

/// <summary><c>gcp-sa-set-iam-policy</c>: a principal that may change a service account's allow policy grants itself a role to impersonate it.</summary>
public sealed class SetServiceAccountIamPolicyEdgeChecker : ServiceAccountPermissionEdgeChecker
{
    public override string TechniqueId => "gcp-sa-set-iam-policy";

    protected override string Permission => "iam.serviceAccounts.setIamPolicy";

    protected override string Does(string account) => $"grants itself Service Account Token Creator on {account} by changing its allow policy, and impersonates it";
}
