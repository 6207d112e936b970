namespace Ward.Analysis.Tests.Testing;

/// <summary>The tenant's authorization policy, as Microsoft Graph v1.0 returns it, or as written (for beta's shapes).</summary>
internal sealed partial class TestTenant
{
    public const string LimitedGuestRole = "10dae51f-b6af-4016-8d66-8c2a99b929b3";
    public const string RestrictedGuestRole = "2af84b1e-32c8-42b7-82bc-daa82404023b";
    public const string MemberLikeGuestRole = "a0b1b346-4d3e-4e8b-98f8-753987be4970";
    public const string LegacyConsent = "ManagePermissionGrantsForSelf.microsoft-user-default-legacy";
    public const string LowConsent = "ManagePermissionGrantsForSelf.microsoft-user-default-low";

    /// <summary>The resource-specific consent policies Teams assigns beside the user consent policy; they are not user consent.</summary>
    public static readonly string[] TeamsOwnerConsent =
    [
        "ManagePermissionGrantsForOwnedResource.microsoft-dynamically-managed-permissions-for-team",
        "ManagePermissionGrantsForOwnedResource.microsoft-dynamically-managed-permissions-for-chat",
    ];

    /// <summary>
    /// <c>GET /v1.0/policies/authorizationPolicy</c>; every setting defaults to the value the baselines ask for (no user
    /// consent, no consent to risky apps, limited guests, invitations by admins and Guest Inviters, no app registration
    /// or tenant creation by users).
    /// </summary>
    public TestTenant AuthorizationPolicy(
        string[]? consentPolicies = null,
        bool riskyAppConsent = false,
        string guestRole = LimitedGuestRole,
        string allowInvitesFrom = "adminsAndGuestInviters",
        bool usersCreateApps = false,
        bool usersCreateTenants = false) =>
        AddEntity("authorization-policy.json", "policies/authorizationPolicy", new
        {
            id = "authorizationPolicy",
            allowInvitesFrom,
            allowedToSignUpEmailBasedSubscriptions = true,
            allowedToUseSSPR = true,
            allowEmailVerifiedUsersToJoinOrganization = false,
            allowUserConsentForRiskyApps = riskyAppConsent,
            blockMsolPowerShell = true,
            description = "Used to manage authorization related settings across the company.",
            displayName = "Authorization Policy",
            enabledPreviewFeatures = Array.Empty<string>(),
            guestUserRoleId = guestRole,
            defaultUserRolePermissions = new
            {
                allowedToCreateApps = usersCreateApps,
                allowedToCreateSecurityGroups = false,
                allowedToCreateTenants = usersCreateTenants,
                allowedToReadBitlockerKeysForOwnedDevice = true,
                allowedToReadOtherUsers = true,
                permissionGrantPoliciesAssigned = consentPolicies ?? [],
            },
        });

    /// <summary>The authorization policy file as written (beta's top-level consent list, or its collection form).</summary>
    public TestTenant AuthorizationPolicyJson(string json)
    {
        _entities.Add(("authorization-policy.json", json));
        return this;
    }
}
