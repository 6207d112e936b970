using Ward.Core.Diagnostics;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;

namespace Ward.Microsoft.Tests.Entra;

/// <summary>
/// The authorization policy as Microsoft Graph v1.0 and beta return it: the consent policies in either place, the
/// settings the tenant-settings rules judge, and located diagnostics for values of the wrong type.
/// </summary>
public sealed class AuthorizationPolicyReaderTests
{
    [Fact]
    public void The_v1_entity_is_read_with_the_consent_policies_under_defaultUserRolePermissions()
    {
        // Given GET /v1.0/policies/authorizationPolicy as Graph writes it, with the resource-specific consent entries
        // Teams adds beside the user consent policy
        var policy = Load("""
            {
              "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/authorizationPolicy/$entity",
              "@microsoft.graph.tips": "Use $select to choose only the properties your app needs, as this can lead to performance improvements. For example: GET policies/authorizationPolicy?$select=allowedToSignUpEmailBasedSubscriptions,allowedToUseSSPR",
              "id": "authorizationPolicy",
              "allowInvitesFrom": "everyone",
              "allowedToSignUpEmailBasedSubscriptions": true,
              "allowedToUseSSPR": true,
              "allowEmailVerifiedUsersToJoinOrganization": false,
              "allowUserConsentForRiskyApps": null,
              "blockMsolPowerShell": false,
              "description": "Used to manage authorization related settings across the company.",
              "displayName": "Authorization Policy",
              "enabledPreviewFeatures": [],
              "guestUserRoleId": "a0b1b346-4d3e-4e8b-98f8-753987be4970",
              "permissionGrantPolicyIdsAssignedToDefaultUserRole": null,
              "defaultUserRolePermissions": {
                "allowedToCreateApps": true,
                "allowedToCreateSecurityGroups": true,
                "allowedToCreateTenants": true,
                "allowedToReadBitlockerKeysForOwnedDevice": true,
                "allowedToReadOtherUsers": true,
                "permissionGrantPoliciesAssigned": [
                  "ManagePermissionGrantsForSelf.microsoft-user-default-legacy",
                  "ManagePermissionGrantsForOwnedResource.microsoft-dynamically-managed-permissions-for-team",
                  "ManagePermissionGrantsForOwnedResource.microsoft-dynamically-managed-permissions-for-chat"
                ]
              }
            }
            """, out var diagnostics);

        // Then every setting is read, the user consent policy is told from the owned-resource ones, and nothing is reported
        Assert.Empty(diagnostics);
        Assert.Equal(["microsoft-user-default-legacy"], policy.SelfConsentPolicies!.Value);
        Assert.Equal(3, policy.PermissionGrantPoliciesAssigned!.Value.Length);
        Assert.Equal(("everyone", AuthorizationPolicy.MemberLikeGuestRole), (policy.AllowInvitesFrom, policy.GuestUserRoleId));
        Assert.Equal<bool?>([true, true, null], [policy.AllowedToCreateApps, policy.AllowedToCreateTenants, policy.AllowUserConsentForRiskyApps]);
    }

    [Fact]
    public void The_beta_entity_is_read_with_the_consent_policies_at_the_top_level()
    {
        // Given GET /beta/policies/authorizationPolicy: the consent policies at the top level, none under defaultUserRolePermissions
        var policy = Load("""
            {
              "@odata.context": "https://graph.microsoft.com/beta/$metadata#policies/authorizationPolicy/$entity",
              "id": "authorizationPolicy",
              "allowInvitesFrom": "adminsAndGuestInviters",
              "allowedToSignUpEmailBasedSubscriptions": false,
              "allowedToUseSSPR": true,
              "allowEmailVerifiedUsersToJoinOrganization": false,
              "allowUserConsentForRiskyApps": true,
              "blockMsolPowerShell": true,
              "description": "Used to manage authorization related settings across the company.",
              "displayName": "Authorization Policy",
              "enabledPreviewFeatures": [],
              "guestUserRoleId": "2af84b1e-32c8-42b7-82bc-daa82404023b",
              "permissionGrantPolicyIdsAssignedToDefaultUserRole": ["ManagePermissionGrantsForSelf.microsoft-user-default-low"],
              "defaultUserRolePermissions": {
                "allowedToCreateApps": false,
                "allowedToCreateSecurityGroups": false,
                "allowedToCreateTenants": false,
                "allowedToReadBitlockerKeysForOwnedDevice": false,
                "allowedToReadOtherUsers": true
              }
            }
            """, out var diagnostics);

        Assert.Empty(diagnostics);
        Assert.Equal(["microsoft-user-default-low"], policy.SelfConsentPolicies!.Value);
        Assert.True(policy.AllowUserConsentForRiskyApps);
        Assert.Equal<bool?>([false, false], [policy.AllowedToCreateApps, policy.AllowedToCreateTenants]);
        Assert.Equal(AuthorizationPolicy.RestrictedGuestRole, policy.GuestUserRoleId);
    }

    [Fact]
    public void An_empty_consent_list_says_users_cannot_consent_and_a_missing_one_says_nothing()
    {
        // Given a policy whose consent list is empty (user consent turned off), and one exported without either list
        // (a $select that left it out)
        var off = Load("""
            {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/authorizationPolicy/$entity", "id": "authorizationPolicy",
             "defaultUserRolePermissions": {"allowedToCreateApps": false, "permissionGrantPoliciesAssigned": []}}
            """, out _);
        var unknown = Load("""
            {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/authorizationPolicy(allowInvitesFrom,defaultUserRolePermissions)/$entity", "id": "authorizationPolicy",
             "allowInvitesFrom": "none", "defaultUserRolePermissions": {"allowedToCreateApps": false}}
            """, out _);

        // Then the first is known to allow no consent, the second is not known at all
        Assert.Empty(off.SelfConsentPolicies!.Value);
        Assert.Null(unknown.PermissionGrantPoliciesAssigned);
        Assert.Null(unknown.SelfConsentPolicies);
    }

    [Fact]
    public void Values_of_the_wrong_type_are_reported_where_they_are_and_taken_as_unknown()
    {
        // Given a policy whose consent list is a string, whose risky-apps flag is a string, whose invite setting and
        // guest role are values Graph does not document
        var policy = Load("""
            {
              "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/authorizationPolicy/$entity",
              "id": "authorizationPolicy",
              "allowInvitesFrom": "anyone",
              "allowUserConsentForRiskyApps": "true",
              "guestUserRoleId": "62e90394-69f5-4237-9190-012177145e10",
              "defaultUserRolePermissions": {
                "allowedToCreateApps": "yes",
                "permissionGrantPoliciesAssigned": "ManagePermissionGrantsForSelf.microsoft-user-default-legacy"
              }
            }
            """, out var diagnostics);

        // Then each is reported at its JSON path, and none is taken as a safe value: the consent list is unknown, not empty
        Assert.Null(policy.PermissionGrantPoliciesAssigned);
        Assert.Equal<bool?>([null, null], [policy.AllowUserConsentForRiskyApps, policy.AllowedToCreateApps]);
        Assert.Null(policy.AllowInvitesFrom);
        Assert.Equal(
            [
                (EntraDiagnosticCodes.WrongShape, "$.allowUserConsentForRiskyApps"),
                (EntraDiagnosticCodes.WrongShape, "$.defaultUserRolePermissions.allowedToCreateApps"),
                (EntraDiagnosticCodes.WrongShape, "$.defaultUserRolePermissions.permissionGrantPoliciesAssigned"),
                (EntraDiagnosticCodes.InvalidValue, "$.allowInvitesFrom"),
                (EntraDiagnosticCodes.InvalidValue, "$.guestUserRoleId"),
            ],
            diagnostics.Select(d => (d.Code, d.Location.JsonPath!)).Order());
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Contains("whether users may consent to applications is taken as unknown", diagnostics.Single(d => d.Location.JsonPath!.EndsWith("permissionGrantPoliciesAssigned", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_consent_lists_that_disagree_are_reported_and_both_taken()
    {
        // Given both places filled, with different policies
        var policy = Load("""
            {
              "@odata.context": "https://graph.microsoft.com/beta/$metadata#policies/authorizationPolicy/$entity",
              "id": "authorizationPolicy",
              "permissionGrantPolicyIdsAssignedToDefaultUserRole": ["ManagePermissionGrantsForSelf.microsoft-user-default-legacy"],
              "defaultUserRolePermissions": {"permissionGrantPoliciesAssigned": ["ManagePermissionGrantsForSelf.microsoft-user-default-low"]}
            }
            """, out var diagnostics);

        // Then the disagreement is reported, and neither hides the other
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal((EntraDiagnosticCodes.InvalidValue, "$.permissionGrantPolicyIdsAssignedToDefaultUserRole"), (diagnostic.Code, diagnostic.Location.JsonPath));
        Assert.Equal(["microsoft-user-default-legacy", "microsoft-user-default-low"], policy.SelfConsentPolicies!.Value);
    }

    private static AuthorizationPolicy Load(string json, out List<Diagnostic> diagnostics)
    {
        using var folder = new ScratchFolder(("authorization-policy.json", json));
        var directory = EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        diagnostics = [.. directory.Diagnostics];
        return directory.AuthorizationPolicy!;
    }
}
