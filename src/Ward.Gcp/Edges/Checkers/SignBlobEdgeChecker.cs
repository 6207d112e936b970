namespace Ward.Gcp.Edges.Checkers;

/// <summary><c>gcp-sa-sign-blob</c>: a principal that may sign bytes with a service account's Google-managed key signs a token request as it.</summary>
public sealed class SignBlobEdgeChecker : ServiceAccountPermissionEdgeChecker
{
    public override string TechniqueId => "gcp-sa-sign-blob";

    protected override string Permission => "iam.serviceAccounts.signBlob";

    protected override string Does(string account) => $"signs a JWT assertion with the Google-managed key of {account}, exchanges it for an access token and acts as it";
}
