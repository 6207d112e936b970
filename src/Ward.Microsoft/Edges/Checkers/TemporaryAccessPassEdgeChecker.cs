using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-temporary-access-pass</c>: a service principal holding Microsoft Graph's
/// <c>UserAuthenticationMethod.ReadWrite.All</c> application permission creates a Temporary Access Pass for any user,
/// administrators included (application permissions are not limited by the directory roles' tiers), and signs in as
/// them. It needs the Temporary Access Pass method enabled in the authentication methods policy, which the export does
/// not hold: every edge carries that requirement. A user in a restricted management administrative unit is reached on
/// the further condition that the unit does not refuse it: Microsoft says Graph application permissions do not apply
/// to such objects, without naming authentication methods. Directory roles that manage authentication methods are the password
/// reset technique's (the same tiers apply and each such role can reset passwords too).
/// </summary>
public sealed class TemporaryAccessPassEdgeChecker : AnyUserSignInEdgeChecker
{
    public override string TechniqueId => "entra-temporary-access-pass";

    protected override IReadOnlyList<string> Permissions { get; } = ["UserAuthenticationMethod.ReadWrite.All"];

    protected override string Requirement =>
        "the Temporary Access Pass method is enabled in the tenant's authentication methods policy (not in the export)";

    // Microsoft says application permissions do not apply to objects in a restricted management administrative unit
    // and that updating such a user's password is blocked; it does not name authentication methods.
    protected override string? RequirementFor(MicrosoftEdgeContext context, EntraUser user) =>
        context.Roles.RestrictingUnits(user.Id) is [var unit, ..]
            ? $"the restricted management administrative unit `{unit.DisplayName ?? unit.Id}`, whose members Microsoft Graph application permissions may not modify, does not refuse a Temporary Access Pass for its member (Microsoft does not say whether authentication methods count as modifying the user)"
            : null;

    protected override string Does(string user, string permission) =>
        $"creates a Temporary Access Pass for `{user}` with Microsoft Graph {permission} and signs in as them";
}
