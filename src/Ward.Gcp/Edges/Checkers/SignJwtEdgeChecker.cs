namespace Ward.Gcp.Edges.Checkers;

/// <summary><c>gcp-sa-sign-jwt</c>: a principal that may sign JWTs with a service account's Google-managed key calls Google APIs as it.</summary>
public sealed class SignJwtEdgeChecker : ServiceAccountPermissionEdgeChecker
{
    public override string TechniqueId => "gcp-sa-sign-jwt";

    protected override string Permission => "iam.serviceAccounts.signJwt";

    protected override string Does(string account) => $"signs a JWT as {account}, which Google APIs accept as the account";
}
