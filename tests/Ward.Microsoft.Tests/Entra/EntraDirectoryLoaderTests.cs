using Ward.Core.Diagnostics;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;

namespace Ward.Microsoft.Tests.Entra;

/// <summary>The loader over the Contoso export: every collection read into the model, nothing reported for a clean export.</summary>
public sealed class EntraDirectoryLoaderTests
{
    private static readonly EntraDirectory Contoso = EntraDirectoryLoader.Load([EntraFixtures.Contoso]);

    [Fact]
    public void A_complete_export_loads_without_diagnostics()
    {
        // Given the Contoso export as the script writes it
        // When it is loaded
        var directory = EntraDirectoryLoader.Load([EntraFixtures.Contoso], TestContext.Current.CancellationToken);

        // Then nothing is reported, every file was read as a Graph response, and the tenant is known
        Assert.Empty(directory.Diagnostics);
        Assert.All(directory.Inputs, i => Assert.Equal(EntraInputKind.GraphResponse, i.Kind));
        Assert.Equal(EntraFixtures.Tenant, directory.TenantId);
        Assert.Equal("Contoso", directory.TenantDisplayName);
        Assert.False(directory.IsEmpty);
    }

    [Fact]
    public void Users_are_read_from_both_pages_with_their_sign_in_activity()
    {
        // Given users in two pages, the first with a next link
        // Then all five are read, in page order
        Assert.Equal([EntraFixtures.Adele, EntraFixtures.Megan, EntraFixtures.Lee, EntraFixtures.Guest, EntraFixtures.BreakGlass], Contoso.Users.Select(u => u.Id), StringComparer.Ordinal);
        var adele = Contoso.FindUser(EntraFixtures.Adele)!;
        Assert.Equal("adele.vance@contoso.onmicrosoft.com", adele.UserPrincipalName);
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 8, 41, 19, TimeSpan.Zero), adele.SignInActivity!.LastSignIn);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 22, 3, 51, TimeSpan.Zero), adele.SignInActivity.LastSuccessfulSignIn);
        Assert.Null(Contoso.FindUser(EntraFixtures.Megan)!.SignInActivity!.LastSuccessfulSignIn);

        // lee's signInActivity is null in a response that selected it: exported, and no sign-in recorded
        Assert.Equal(new UserSignInActivity { SuccessfulSignInExported = true }, Contoso.FindUser(EntraFixtures.Lee)!.SignInActivity);
    }

    [Fact]
    public void Guests_and_synchronised_users_keep_their_type_and_source()
    {
        var guest = Contoso.FindUser(EntraFixtures.Guest)!;
        Assert.Equal(EntraUserType.Guest, guest.UserType);
        Assert.Equal(new DateTimeOffset(2025, 9, 30, 16, 45, 10, TimeSpan.Zero), guest.CreatedDateTime);
        Assert.True(Contoso.FindUser(EntraFixtures.Lee)!.OnPremisesSyncEnabled);
        Assert.Equal(EntraUserType.Member, Contoso.FindUser(EntraFixtures.Adele)!.UserType);
        Assert.True(Contoso.FindUser(EntraFixtures.Adele)!.AccountEnabled);
    }

    [Fact]
    public void Groups_keep_role_assignability_and_their_dynamic_or_unified_type()
    {
        Assert.True(Contoso.FindGroup(EntraFixtures.Tier0Admins)!.IsAssignableToRole);
        var dynamic = Contoso.FindGroup(EntraFixtures.AllEmployees)!;
        Assert.True(dynamic.IsDynamic);
        Assert.Equal("(user.userType -eq \"Member\")", dynamic.MembershipRule);
        var unified = Contoso.FindGroup(EntraFixtures.ProjectFalcon)!;
        Assert.True(unified.IsUnified);
        Assert.False(unified.IsDynamic);
        Assert.Equal((false, true), (unified.SecurityEnabled, unified.MailEnabled));
    }

    [Fact]
    public void Member_and_owner_lists_are_attached_to_the_parent_their_folder_names()
    {
        var tier0 = Contoso.FindGroup(EntraFixtures.Tier0Admins)!;
        Assert.Equal([new DirectoryObjectReference(EntraFixtures.PlatformEngineers, DirectoryObjectKind.Group)], tier0.Members!.Value);
        Assert.Equal([EntraFixtures.PlatformEngineers, EntraFixtures.Adele, EntraFixtures.DeployServicePrincipal], tier0.TransitiveMembers!.Value.Select(m => m.Id), StringComparer.Ordinal);
        Assert.Equal(DirectoryObjectKind.ServicePrincipal, tier0.TransitiveMembers!.Value[2].Kind);
        Assert.Equal([EntraFixtures.Adele], tier0.Owners!.Value.Select(o => o.Id), StringComparer.Ordinal);
        Assert.Null(Contoso.FindGroup(EntraFixtures.HelpdeskOperators)!.Owners);
        Assert.Equal([EntraFixtures.Megan], Contoso.FindApplication(EntraFixtures.DeployApplication)!.Owners!.Value.Select(o => o.Id), StringComparer.Ordinal);
        Assert.Empty(Contoso.FindApplication(EntraFixtures.PortalApplication)!.Owners!.Value);
        Assert.Equal([EntraFixtures.Megan], Contoso.FindServicePrincipal(EntraFixtures.DeployServicePrincipal)!.Owners!.Value.Select(o => o.Id), StringComparer.Ordinal);
    }

    [Fact]
    public void A_restricted_management_administrative_unit_is_read_with_its_members()
    {
        var unit = Assert.Single(Contoso.AdministrativeUnits);
        Assert.Equal("EMEA Users", unit.DisplayName);
        Assert.True(unit.IsMemberManagementRestricted);
        Assert.Equal([EntraFixtures.Megan, EntraFixtures.Lee], unit.Members!.Value.Select(m => m.Id), StringComparer.Ordinal);
    }

    [Fact]
    public void Role_definitions_keep_their_conditions_and_are_found_by_template_id()
    {
        var user = Contoso.FindRoleDefinition(EntraFixtures.UserRole)!;
        Assert.Equal([null, "$ResourceIsSelf", "$SubjectIsOwner"], user.RolePermissions.Select(p => p.Condition), StringComparer.Ordinal);
        Assert.Equal(["microsoft.directory/applications/credentials/update"], user.RolePermissions[2].AllowedResourceActions);
        Assert.True(Contoso.FindRoleDefinition(EntraFixtures.GlobalAdministrator)!.IsBuiltIn);
        Assert.False(Contoso.FindRoleDefinition(EntraFixtures.CustomCredentialRole)!.IsBuiltIn);
        Assert.Equal("Privileged Role Administrator", Contoso.FindRoleDefinition(EntraFixtures.PrivilegedRoleAdministrator)!.DisplayName);
    }

    [Fact]
    public void Role_assignments_are_scoped_to_the_tenant_an_administrative_unit_or_one_object()
    {
        var scopes = Contoso.RoleAssignments.ToDictionary(a => a.PrincipalId, a => a.DirectoryScope, StringComparer.Ordinal);
        Assert.Equal(DirectoryScope.Tenant, scopes[EntraFixtures.Adele]);
        Assert.Equal((DirectoryScopeKind.AdministrativeUnit, EntraFixtures.EmeaUsers), (scopes[EntraFixtures.Megan].Kind, scopes[EntraFixtures.Megan].Id));
        Assert.Equal((DirectoryScopeKind.DirectoryObject, EntraFixtures.PortalApplication), (scopes[EntraFixtures.DeployServicePrincipal].Kind, scopes[EntraFixtures.DeployServicePrincipal].Id));
        Assert.All(Contoso.RoleAssignments, a => Assert.Equal(AssignmentState.Active, a.State));
        Assert.Equal(RoleAssignmentSource.RoleAssignment, Contoso.RoleAssignments[0].Source);
    }

    [Fact]
    public void PIM_eligibilities_and_activated_assignments_are_read_with_their_window()
    {
        var schedule = Assert.Single(Contoso.RoleEligibilitySchedules);
        Assert.Equal((AssignmentState.Eligible, EntraFixtures.PrivilegedRoleAdministrator), (schedule.State, schedule.RoleDefinitionId));
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 9, 0, 0, TimeSpan.Zero), schedule.EndDateTime);
        var instance = Assert.Single(Contoso.RoleEligibilityScheduleInstances);
        Assert.Equal((EntraFixtures.Megan, AssignmentState.Eligible), (instance.PrincipalId, instance.State));
        var activated = Assert.Single(Contoso.RoleAssignmentScheduleInstances, a => a.AssignmentType == "Activated");
        Assert.Equal(EntraFixtures.Lee, activated.PrincipalId);
        Assert.Equal(TimeSpan.FromHours(8), activated.EndDateTime - activated.StartDateTime);
        var permanent = Assert.Single(Contoso.RoleAssignmentScheduleInstances, a => a.AssignmentType == "Assigned");
        Assert.Null(permanent.EndDateTime);
    }

    [Fact]
    public void PIM_for_groups_eligible_membership_and_active_ownership_are_read()
    {
        var eligible = Assert.Single(Contoso.PrivilegedGroupAssignments, a => a.State == AssignmentState.Eligible);
        Assert.Equal((EntraFixtures.Lee, EntraFixtures.Tier0Admins, GroupAccessType.Member), (eligible.PrincipalId, eligible.GroupId, eligible.Access));
        var owner = Assert.Single(Contoso.PrivilegedGroupAssignments, a => a.State == AssignmentState.Active);
        Assert.Equal((EntraFixtures.Adele, GroupAccessType.Owner, "Assigned"), (owner.PrincipalId, owner.Access, owner.AssignmentType));
    }

    [Fact]
    public void Applications_keep_their_credentials_requested_permissions_and_federated_credentials()
    {
        var deploy = Contoso.FindApplicationByAppId(EntraFixtures.DeployAppId)!;
        Assert.Equal(("ci-secret-2025", "Q~8"), (deploy.PasswordCredentials.Single().DisplayName, deploy.PasswordCredentials.Single().Hint));
        Assert.Equal(("AsymmetricX509Cert", new DateTimeOffset(2027, 1, 31, 0, 0, 0, TimeSpan.Zero)), (deploy.KeyCredentials.Single().Type, deploy.KeyCredentials.Single().EndDateTime));
        Assert.Equal(new ResourceAccess(EntraFixtures.ApplicationReadWriteAll, "Role"), deploy.RequiredResourceAccess.Single().ResourceAccess.Single());
        var github = Assert.Single(deploy.FederatedIdentityCredentials!.Value);
        Assert.Equal(("https://token.actions.githubusercontent.com", "repo:contoso/platform-infra:ref:refs/heads/main"), (github.Issuer, github.Subject));
        Assert.Equal(["api://AzureADTokenExchange"], github.Audiences);

        // The portal's credential comes from its own (beta) list and matches claims with an expression.
        var portal = Assert.Single(Contoso.FindApplication(EntraFixtures.PortalApplication)!.FederatedIdentityCredentials!.Value);
        Assert.Null(portal.Subject);
        Assert.Equal("claims['sub'] matches 'repo:contoso/hr-portal:ref:refs/heads/*'", portal.ClaimsMatchingExpression);
        Assert.Equal("AzureADMultipleOrgs", Contoso.FindApplication(EntraFixtures.PortalApplication)!.SignInAudience);
    }

    [Fact]
    public void Service_principals_keep_type_owner_tenant_roles_scopes_and_sign_in_activity()
    {
        var graph = Contoso.FindServicePrincipal(EntraFixtures.GraphServicePrincipal)!;
        Assert.Equal("f8cdef31-a31e-4b4a-93e4-5f571e91255a", graph.AppOwnerOrganizationId);
        Assert.Contains(graph.AppRoles, r => r.Value == "RoleManagement.ReadWrite.Directory");
        Assert.Equal("Admin", graph.Oauth2PermissionScopes.Single(s => s.Value == "Directory.AccessAsUser.All").Type);
        var identity = Contoso.FindServicePrincipal(EntraFixtures.ManagedIdentity)!;
        Assert.Equal(ServicePrincipalType.ManagedIdentity, identity.ServicePrincipalType);
        Assert.Contains(identity.AlternativeNames, n => n.EndsWith("/userAssignedIdentities/id-aks-prod", StringComparison.Ordinal));
        var deploy = Contoso.FindServicePrincipalByAppId(EntraFixtures.DeployAppId)!;
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 23, 10, 2, TimeSpan.Zero), deploy.SignInActivity!.ApplicationClientLastSignIn);
        Assert.Null(deploy.SignInActivity.DelegatedClientLastSignIn);
        Assert.Null(graph.SignInActivity);
    }

    [Fact]
    public void App_role_assignments_and_delegated_grants_are_read_with_scopes_split()
    {
        var assignment = Assert.Single(Contoso.AppRoleAssignments, a => a.PrincipalId == EntraFixtures.DeployServicePrincipal);
        Assert.Equal((EntraFixtures.GraphServicePrincipal, EntraFixtures.ApplicationReadWriteAll, "ServicePrincipal"), (assignment.ResourceId, assignment.AppRoleId, assignment.PrincipalType));
        var everyone = Assert.Single(Contoso.OAuth2PermissionGrants, g => g.IsForAllPrincipals);
        Assert.Equal(["User.Read", "openid", "profile"], everyone.Scopes);
        Assert.Null(everyone.PrincipalId);
        var forMegan = Assert.Single(Contoso.OAuth2PermissionGrants, g => !g.IsForAllPrincipals);
        Assert.Equal((EntraFixtures.Megan, "Directory.AccessAsUser.All"), (forMegan.PrincipalId, forMegan.Scopes.Single()));
    }

    [Fact]
    public void Conditional_access_policies_keep_state_targets_and_grant_controls()
    {
        var admins = Contoso.ConditionalAccessPolicies[0];
        Assert.Equal(ConditionalAccessPolicyState.Enabled, admins.State);
        Assert.Equal([EntraFixtures.GlobalAdministrator, EntraFixtures.PrivilegedRoleAdministrator], admins.IncludeRoles);
        Assert.Equal([EntraFixtures.BreakGlass], admins.ExcludeUsers);
        Assert.Equal(("OR", "mfa"), (admins.GrantOperator, admins.BuiltInControls.Single()));
        Assert.Null(admins.AuthenticationStrength);
        var legacy = Contoso.ConditionalAccessPolicies[1];
        Assert.Equal(ConditionalAccessPolicyState.EnabledForReportingButNotEnforced, legacy.State);
        Assert.Equal(["All"], legacy.IncludeUsers, StringComparer.Ordinal);
        Assert.Equal([EntraFixtures.Tier0Admins], legacy.ExcludeGroups, StringComparer.Ordinal);
        var guests = Contoso.ConditionalAccessPolicies[2];
        Assert.True(guests.IncludesGuestsOrExternalUsers);
        var strength = guests.AuthenticationStrength!;
        Assert.Equal(("00000000-0000-0000-0000-000000000004", "Phishing-resistant MFA", "builtIn", "mfa"), (strength.Id, strength.DisplayName, strength.PolicyType, strength.RequirementsSatisfied));
        Assert.Equal(["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"], strength.AllowedCombinations);
        Assert.Equal([EntraFixtures.PortalAppId], guests.ExcludeApplications);
    }

    [Fact]
    public void The_security_defaults_policy_is_read_from_the_single_object_Graph_returns()
    {
        // Given the export with security-defaults-policy.json as the script saves `GET /policies/identitySecurityDefaultsEnforcementPolicy`
        using var folder = new ScratchFolder();
        folder.CopyFrom(EntraFixtures.Contoso);
        folder.Write("security-defaults-policy.json", """
            {
              "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/identitySecurityDefaultsEnforcementPolicy/$entity",
              "id": "00000000-0000-0000-0000-000000000005",
              "displayName": "Security Defaults",
              "description": "Security defaults is a set of basic identity security mechanisms recommended by Microsoft. When enabled, these recommendations will be automatically enforced in your organization. Administrators and users will be better protected from common identity related attacks.",
              "isEnabled": true
            }
            """);

        var directory = EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then security defaults are known to be on, and nothing is reported
        Assert.True(directory.SecurityDefaults?.IsEnabled);
        Assert.Empty(directory.Diagnostics);
    }

    [Fact]
    public void The_authorization_policy_and_registration_details_are_read()
    {
        var policy = Contoso.AuthorizationPolicy!;
        Assert.Equal((true, false), (policy.AllowedToCreateApps, policy.AllowedToCreateSecurityGroups));
        Assert.Equal(["ManagePermissionGrantsForSelf.microsoft-user-default-low"], policy.PermissionGrantPoliciesAssigned);
        Assert.Equal(("adminsAndGuestInviters", "10dae51f-b6af-4016-8d66-8c2a99b929b3"), (policy.AllowInvitesFrom, policy.GuestUserRoleId));
        var megan = Assert.Single(Contoso.UserRegistrationDetails, r => r.Id == EntraFixtures.Megan);
        Assert.Equal<(bool?, bool?)>((false, true), (megan.IsMfaRegistered, megan.IsAdmin));
        Assert.Equal(["microsoftAuthenticatorPush", "fido2SecurityKey"], Contoso.UserRegistrationDetails.Single(r => r.Id == EntraFixtures.Adele).MethodsRegistered);
    }

    [Fact]
    public void Lookups_ignore_the_case_of_ids_and_tell_the_kind_of_an_object()
    {
        Assert.NotNull(Contoso.FindGroup(EntraFixtures.Tier0Admins.ToUpperInvariant()));
        Assert.Equal(DirectoryObjectKind.ServicePrincipal, Contoso.KindOf(EntraFixtures.ManagedIdentity));
        Assert.Equal(DirectoryObjectKind.AdministrativeUnit, Contoso.KindOf(EntraFixtures.EmeaUsers));
        Assert.Null(Contoso.KindOf("00000000-0000-0000-0000-00000000beef"));
    }

    [Fact]
    public void Files_that_are_not_Graph_responses_are_listed_as_not_recognised_without_diagnostics()
    {
        // Given a folder that also holds an AWS export, a README and an Azure Resource Manager error
        using var folder = new ScratchFolder(
            ("aws/gaad.json", """{"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [], "Policies": []}"""),
            ("README.md", "# exports"),
            ("azure/error.json", """{"error": {"code": "AuthorizationFailed", "message": "no access"}}"""),
            ("entra/users.json", """{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users", "value": [{"id": "6e7b768e-07e2-4810-8459-485f84f8f204", "displayName": "Adele Vance"}]}"""));

        // When it is loaded
        var directory = EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then only the Graph response is read; the others are left for other readers, unreported
        Assert.Empty(directory.Diagnostics);
        Assert.Equal(3, directory.Inputs.Count(i => i.Kind == EntraInputKind.NotRecognised));
        Assert.Single(directory.Users);
    }

    [Fact]
    public void A_folder_without_any_Graph_response_gives_an_empty_directory()
    {
        using var folder = new ScratchFolder(("organization.json", """{"Organization": {"Id": "o-a1b2c3d4e5"}, "Accounts": []}"""));

        var directory = EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        Assert.True(directory.IsEmpty);
        Assert.Empty(directory.Diagnostics);
    }

    [Fact]
    public void A_path_that_does_not_exist_is_an_error()
    {
        var missing = Path.Combine(AppContext.BaseDirectory, "no-such-export");

        var directory = EntraDirectoryLoader.Load([missing], TestContext.Current.CancellationToken);

        var diagnostic = Assert.Single(directory.Diagnostics);
        Assert.Equal((EntraDiagnosticCodes.UnreadableFile, DiagnosticSeverity.Error, missing), (diagnostic.Code, diagnostic.Severity, diagnostic.Location.File));
        Assert.Equal(EntraInputKind.Unreadable, Assert.Single(directory.Inputs).Kind);
    }

    [Fact]
    public void The_beta_authorization_policy_collection_is_read_like_the_v1_entity()
    {
        // Given beta's form: a collection whose one item names the consent policies at the top level
        using var folder = new ScratchFolder(("authorization-policy.json", """
            {
              "@odata.context": "https://graph.microsoft.com/beta/$metadata#policies/authorizationPolicy",
              "value": [
                {
                  "id": "authorizationPolicy",
                  "allowInvitesFrom": "everyone",
                  "guestUserRoleId": "10dae51f-b6af-4016-8d66-8c2a99b929b3",
                  "permissionGrantPolicyIdsAssignedToDefaultUserRole": ["ManagePermissionGrantsForSelf.microsoft-user-default-legacy"],
                  "defaultUserRolePermissions": {"allowedToCreateApps": false, "allowedToCreateSecurityGroups": true, "allowedToCreateTenants": true, "allowedToReadBitlockerKeysForOwnedDevice": true, "allowedToReadOtherUsers": true}
                }
              ]
            }
            """));

        var directory = EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        Assert.Empty(directory.Diagnostics);
        var policy = directory.AuthorizationPolicy!;
        Assert.Equal((false, "everyone"), (policy.AllowedToCreateApps, policy.AllowInvitesFrom));
        Assert.Equal(["ManagePermissionGrantsForSelf.microsoft-user-default-legacy"], policy.PermissionGrantPoliciesAssigned);
    }

    [Fact]
    public void An_empty_federated_credential_list_says_the_application_has_none()
    {
        // Given two applications, one whose federated credential list was exported and is empty, one whose list was not
        using var folder = new ScratchFolder(
            ("applications.json", """
                {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#applications", "value": [
                  {"id": "5b9a2f61-3c0e-4d7a-9e21-7f4c8b1d2e30", "appId": "0c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e", "displayName": "Listed", "passwordCredentials": [], "keyCredentials": []},
                  {"id": "7d1e3a52-8b4c-4f6e-a0d9-2c5b7e9f1a43", "appId": "1d2e3f4a-5b6c-4d7e-8f90-1a2b3c4d5e6f", "displayName": "Unlisted", "passwordCredentials": [], "keyCredentials": []}]}
                """),
            ("federated-identity-credentials/5b9a2f61-3c0e-4d7a-9e21-7f4c8b1d2e30.json", """
                {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#applications('5b9a2f61-3c0e-4d7a-9e21-7f4c8b1d2e30')/federatedIdentityCredentials", "value": []}
                """));

        var directory = EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the first is known to have none, the second is not known
        Assert.Empty(directory.Diagnostics);
        Assert.Empty(directory.FindApplication("5b9a2f61-3c0e-4d7a-9e21-7f4c8b1d2e30")!.FederatedIdentityCredentials!.Value);
        Assert.Null(directory.FindApplication("7d1e3a52-8b4c-4f6e-a0d9-2c5b7e9f1a43")!.FederatedIdentityCredentials);
    }
}
