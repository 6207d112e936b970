using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.TenantSettings;

/// <summary>
/// <c>entra-guest-access-as-members</c>: the authorization policy gives guests the member-like role template
/// (<c>guestUserRoleId</c> <c>a0b1b346-4d3e-4e8b-98f8-753987be4970</c>), so every guest may read the directory as a member does.
/// </summary>
public sealed class EntraGuestAccessAsMembersRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "entra-guest-access-as-members",
        "Guests have the same directory access as members",
        AuthorizationPolicyFindings.Category,
        Severity.Medium,
        "The authorization policy's `guestUserRoleId` is the member-like template `a0b1b346-4d3e-4e8b-98f8-753987be4970` (\"Guest users have the same access as members (most inclusive)\"): every guest, from any organization, may enumerate the tenant's users, groups, group memberships, applications and devices as a member may, a map for phishing and for choosing whom to target. Microsoft's default is limited access (`10dae51f-b6af-4016-8d66-8c2a99b929b3`); the CIS Microsoft 365 Foundations Benchmark asks for limited or restricted (`2af84b1e-32c8-42b7-82bc-daa82404023b`) access.",
        "In the Microsoft Entra admin center, Entra ID > External Identities > External collaboration settings > Guest user access: choose \"Guest users have limited access to properties and memberships of directory objects\" or, better, \"Guest user access is restricted to properties and memberships of their own directory objects (most restrictive)\". With Microsoft Graph: PATCH https://graph.microsoft.com/v1.0/policies/authorizationPolicy with {\"guestUserRoleId\": \"2af84b1e-32c8-42b7-82bc-daa82404023b\"} (or \"10dae51f-b6af-4016-8d66-8c2a99b929b3\" for limited access).",
        ["entra"],
        [
            "https://learn.microsoft.com/en-us/entra/identity/users/users-restrict-guest-permissions",
            "https://learn.microsoft.com/en-us/entra/fundamentals/users-default-permissions",
            "https://learn.microsoft.com/en-us/graph/api/resources/authorizationpolicy",
        ])
    {
        Requires = RuleInputs.EntraAuthorizationPolicy,
    };

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (AuthorizationPolicyFindings.Of(context) is not var (microsoft, policy) || policy.GuestUserRoleId != AuthorizationPolicy.MemberLikeGuestRole)
        {
            yield break;
        }

        var guests = microsoft.Directory.Users.Count(u => u.IsGuest);
        yield return AuthorizationPolicyFindings.Tenant(
            microsoft,
            Metadata,
            Severity.Medium,
            "member-like",
            "Guests have the same directory access as members",
            $"The authorization policy's `guestUserRoleId` is `{AuthorizationPolicy.MemberLikeGuestRole}`, the member-like guest role (\"Guest users have the same access as members\"): "
                + (guests == 0 ? "any guest invited" : $"the {guests} guest{(guests == 1 ? string.Empty : "s")} of the export, and any guest invited later,")
                + " may read the tenant's users, groups and their memberships, applications and devices as a member does. Microsoft's default is limited access (`10dae51f-b6af-4016-8d66-8c2a99b929b3`); restricted access (`2af84b1e-32c8-42b7-82bc-daa82404023b`) limits guests to their own directory objects.");
    }
}
