namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-temporary-access-pass</c>: a service principal holding Microsoft Graph's
/// <c>UserAuthenticationMethod.ReadWrite.All</c> application permission creates a Temporary Access Pass for any user,
/// administrators included (application permissions are not limited by the directory roles' tiers), and signs in as
/// them. It needs the Temporary Access Pass method enabled in the authentication methods policy, which the export does
/// not hold: every edge carries that requirement. Directory roles that manage authentication methods are the password
/// reset technique's (the same tiers apply and each such role can reset passwords too).
/// </summary>
public sealed class TemporaryAccessPassEdgeChecker : AnyUserSignInEdgeChecker
{
    public override string TechniqueId => "entra-temporary-access-pass";

    protected override IReadOnlyList<string> Permissions { get; } = ["UserAuthenticationMethod.ReadWrite.All"];

    protected override string Requirement =>
        "the Temporary Access Pass method is enabled in the tenant's authentication methods policy (not in the export)";

    protected override string Does(string user, string permission) =>
        $"creates a Temporary Access Pass for `{user}` with Microsoft Graph {permission} and signs in as them";
}
