namespace Ward.Gcp.Edges.Checkers;

/// <summary><c>gcp-sa-get-access-token</c>: a principal that may create OAuth 2.0 access tokens of a service account (Service Account Token Creator) acts as it.</summary>
public sealed class GetAccessTokenEdgeChecker : ServiceAccountPermissionEdgeChecker
{
    public override string TechniqueId => "gcp-sa-get-access-token";

    protected override string Permission => "iam.serviceAccounts.getAccessToken";

    protected override string Does(string account) => $"creates an access token of {account} and acts as it";
}
