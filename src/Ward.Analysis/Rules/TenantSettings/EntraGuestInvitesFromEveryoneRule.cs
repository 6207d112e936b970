namespace Ward.Analysis.Rules.TenantSettings;

/// <summary>
/// <c>entra-guest-invites-from-everyone</c>: <c>allowInvitesFrom</c> is <c>everyone</c>, so guests may invite other guests.
/// </summary>
public sealed class EntraGuestInvitesFromEveryoneRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "entra-guest-invites-from-everyone",
        "Anyone, guests included, may invite guests",
        AuthorizationPolicyFindings.Category,
        Severity.Low,
        "The authorization policy's `allowInvitesFrom` is `everyone` (\"Anyone in the organization can invite guest users including guests and non-admins\", Microsoft's default outside US Government clouds): every member and every guest may bring further outside accounts into the tenant, with no administrator involved, so a guest account, once in, may add the people it chooses. The CIS Microsoft 365 Foundations Benchmark asks that only users in specific admin roles (the Guest Inviter role) invite guests. Low: an invited guest holds only the guest role (see entra-guest-access-as-members for what it reads), and members inviting guests (`adminsGuestInvitersAndAllMembers`) is the common business setting, not reported.",
        "In the Microsoft Entra admin center, Entra ID > External Identities > External collaboration settings > Guest invite settings: choose \"Only users assigned to specific admin roles can invite guest users\" (and assign Guest Inviter to those who invite), or at least \"Member users and users assigned to specific admin roles can invite guest users including guests with member permissions\". With Microsoft Graph: PATCH https://graph.microsoft.com/v1.0/policies/authorizationPolicy with {\"allowInvitesFrom\": \"adminsAndGuestInviters\"} (or \"adminsGuestInvitersAndAllMembers\").",
        ["entra"],
        [
            "https://learn.microsoft.com/en-us/entra/external-id/external-collaboration-settings-configure",
            "https://learn.microsoft.com/en-us/graph/api/resources/authorizationpolicy",
        ])
    {
        Requires = RuleInputs.EntraAuthorizationPolicy,
    };

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (AuthorizationPolicyFindings.Of(context) is not var (microsoft, policy) || !string.Equals(policy.AllowInvitesFrom, "everyone", StringComparison.OrdinalIgnoreCase))
        {
            yield break;
        }

        yield return AuthorizationPolicyFindings.Tenant(
            microsoft,
            Metadata,
            Severity.Low,
            "everyone",
            "Anyone, guests included, may invite guests",
            "The authorization policy's `allowInvitesFrom` is `everyone`: every member and every guest may invite outside accounts into the tenant, without an administrator or a Guest Inviter, so a guest may bring in further guests. Only admins and Guest Inviters (`adminsAndGuestInviters`), or at most members too (`adminsGuestInvitersAndAllMembers`), keep invitations with the organization's own people.");
    }
}
