namespace Ward.Gcp.Edges.Checkers;

/// <summary><c>gcp-sa-key-create</c>: a principal that may create keys for a service account gets a long-lived credential of it (unless an organization policy forbids key creation, which Ward does not read).</summary>
public sealed class CreateServiceAccountKeyEdgeChecker : ServiceAccountPermissionEdgeChecker
{
    public override string TechniqueId => "gcp-sa-key-create";

    protected override string Permission => "iam.serviceAccountKeys.create";

    protected override string Does(string account) => $"creates a key for {account} and signs in with it";
}
