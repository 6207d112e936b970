using Ward.Core.Diagnostics;
using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.GraphBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// PIM-eligible directory roles other than the three administrator roles, on a tenant exported from Microsoft Graph
/// v1.0 (reference time 2026-11-28): an eligible principal activates its role when it needs it, so the escalation
/// techniques read its eligibilities in force as well as its active roles, each edge saying the activation first and
/// decided by the role's PIM policy as <c>entra-pim-activate</c> is. payroll-sync holds Microsoft Graph
/// RoleManagement.ReadWrite.Directory and is owned (its application) by nils. ana holds Application Administrator
/// actively; eli is eligible for it (policy: no approval, MFA and a justification); exa's eligibility ended on
/// 2026-01-01 and fay's starts in 2027; bo holds it both actively and eligibly; mia is a member of the role-assignable
/// group App Operators, eligible for it; hal is eligible for Helpdesk Administrator (no policy exported); pat for
/// Partner Tier2 Support; gita for Global Administrator.
/// </summary>
public sealed class EligibleDirectoryRoleEdgeTests
{
    private const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    private const string ApplicationAdministrator = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3";
    private const string HelpdeskAdministrator = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    private const string PartnerTier2Support = "e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8";
    private const string GraphServicePrincipal = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e01";
    private const string RoleManagementReadWriteDirectory = "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8";
    private const string PayrollSync = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e02";
    private const string PayrollSyncApplication = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e03";
    private const string AppOperators = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e04";

    private const string Ana = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e11";
    private const string Eli = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e12";
    private const string Exa = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e13";
    private const string Fay = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e14";
    private const string Bo = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e15";
    private const string Mia = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e16";
    private const string Hal = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e17";
    private const string Pat = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e18";
    private const string Gita = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e19";
    private const string Nils = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e20";
    private const string Root = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e21";

    private const string NotExported = "the role's PIM settings let the principal activate it (approval and MFA settings are not exported)";

    private static readonly Lazy<EntitlementGraph> Graph = new(() => MicrosoftGraphBuilder.Build(Build()));

    [Fact]
    public void An_eligible_Application_Administrator_activates_the_role_then_adds_a_secret()
    {
        // Given eli, eligible for Application Administrator, whose PIM policy requires no approval
        var edge = AddCredential(Eli);

        // Then she adds a secret to payroll-sync after activating it, for certain, the activation said first
        Assert.False(edge.IsConditional);
        Assert.StartsWith(
            "activates its eligible directory role Application Administrator (the role's PIM policy requires no approval; it supplies MFA and a justification itself), then adds a secret to `payroll-sync`",
            edge.Description,
            StringComparison.Ordinal);
        Assert.Equal(["microsoft.directory/privilegedIdentityManagement/activate", "microsoft.directory/servicePrincipals/credentials/update"], edge.Permissions.Select(p => p.Action), StringComparer.Ordinal);
        Assert.True(Graph.Value.ShortestPathsTo(node => node.IsAdmin).ContainsKey(new(Eli)));
    }

    [Fact]
    public void An_active_Application_Administrator_adds_the_secret_without_an_activation()
    {
        var edge = AddCredential(Ana);

        Assert.False(edge.IsConditional);
        Assert.StartsWith("adds a secret to `payroll-sync` with its directory role", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void An_eligibility_that_ended_or_has_not_started_gives_no_edge()
    {
        // Given exa, whose eligibility ended on 2026-01-01, and fay, whose eligibility starts in 2027
        Assert.Empty(Graph.Value.Outgoing(new PrincipalId(Exa)));
        Assert.Empty(Graph.Value.Outgoing(new PrincipalId(Fay)));
    }

    [Fact]
    public void A_role_held_both_actively_and_eligibly_gives_one_edge_the_active_one()
    {
        var edge = AddCredential(Bo);

        Assert.False(edge.IsConditional);
        Assert.DoesNotContain("activates", edge.Description, StringComparison.Ordinal);
        Assert.Single(edge.Permissions);
    }

    [Fact]
    public void A_member_of_an_eligible_role_assignable_group_activates_the_group_s_role()
    {
        var edge = AddCredential(Mia);

        Assert.StartsWith("activates the directory role Application Administrator its group `App Operators` is eligible for", edge.Description, StringComparison.Ordinal);
        Assert.False(edge.IsConditional);
    }

    [Fact]
    public void An_eligible_Helpdesk_Administrator_resets_a_password_on_the_activation_settings_when_no_policy_was_exported()
    {
        // Given hal, eligible for Helpdesk Administrator, and nils, who holds no role and owns payroll-sync's application
        var edge = Assert.Single(Graph.Value.Outgoing(new PrincipalId(Hal)), e => e.To.Value == Nils);

        Assert.Equal("entra-reset-password", edge.Technique);
        Assert.StartsWith("activates its eligible directory role Helpdesk Administrator, then resets the password of `nils.none@contoso.onmicrosoft.com`", edge.Description, StringComparison.Ordinal);
        Assert.Equal(NotExported, Assert.Single(edge.Requirements));
    }

    [Fact]
    public void An_eligible_Partner_Tier2_Support_activates_it_and_assigns_itself_Global_Administrator()
    {
        var edge = Assert.Single(Graph.Value.Outgoing(new PrincipalId(Pat)), e => e.Technique == "entra-assign-role");

        Assert.True(edge.IsSelfEscalation);
        Assert.StartsWith("activates its eligible directory role Partner Tier2 Support, then assigns itself Global Administrator", edge.Description, StringComparison.Ordinal);
        Assert.Equal(NotExported, Assert.Single(edge.Requirements));
    }

    [Fact]
    public void An_eligible_Global_Administrator_keeps_its_activation_edge_alone()
    {
        // Activated, Global Administrator is the administrator: entra-pim-activate says so, entra-assign-role adds nothing
        var edges = Graph.Value.Outgoing(new PrincipalId(Gita)).Where(e => e.IsSelfEscalation).ToList();

        Assert.Equal(["entra-pim-activate"], edges.Select(e => e.Technique), StringComparer.Ordinal);
    }

    private static Edge AddCredential(string principal) =>
        Assert.Single(Graph.Value.Outgoing(new PrincipalId(principal)), e => e.To.Value == PayrollSync && e.Technique == "entra-add-credential");

    private static MicrosoftEdgeContext Build()
    {
        var servicePrincipals = new[]
        {
            $$"""{"id": "{{GraphServicePrincipal}}", "appId": "00000003-0000-0000-c000-000000000000", "displayName": "Microsoft Graph", "servicePrincipalType": "Application", "appOwnerOrganizationId": "f8cdef31-a31e-4b4a-93e4-5f571e91255a", "accountEnabled": true, "appRoles": [{"allowedMemberTypes": ["Application"], "description": "RoleManagement.ReadWrite.Directory", "displayName": "RoleManagement.ReadWrite.Directory", "id": "{{RoleManagementReadWriteDirectory}}", "isEnabled": true, "origin": "Application", "value": "RoleManagement.ReadWrite.Directory"}], "oauth2PermissionScopes": [], "passwordCredentials": [], "keyCredentials": [], "alternativeNames": []}""",
            $$"""{"id": "{{PayrollSync}}", "appId": "c5d6e7f8-a9b0-4c1d-8e2f-3a4b5c6d7e01", "displayName": "payroll-sync", "servicePrincipalType": "Application", "appOwnerOrganizationId": "4a7c8e1b-2f3d-4b6a-9c8e-1d2f3a4b5c6d", "accountEnabled": true, "appRoles": [], "oauth2PermissionScopes": [], "passwordCredentials": [], "keyCredentials": [], "alternativeNames": []}""",
        };
        var application = $$"""{"id": "{{PayrollSyncApplication}}", "appId": "c5d6e7f8-a9b0-4c1d-8e2f-3a4b5c6d7e01", "displayName": "payroll-sync", "signInAudience": "AzureADMyOrg", "passwordCredentials": [], "keyCredentials": [], "requiredResourceAccess": []}""";
        var users = new[]
        {
            User(Ana, "Ana Active"), User(Eli, "Eli Eligible"), User(Exa, "Exa Expired"), User(Fay, "Fay Future"), User(Bo, "Bo Both"), User(Mia, "Mia Member"),
            User(Hal, "Hal Helpdesk"), User(Pat, "Pat Partner"), User(Gita, "Gita Global"), User(Nils, "Nils None"), User(Root, "Root Admin"),
        };
        string[] eligibilities =
        [
            RoleEligibility(Eli, ApplicationAdministrator), RoleEligibility(Exa, ApplicationAdministrator, end: "2026-01-01T00:00:00Z"),
            RoleEligibility(Fay, ApplicationAdministrator, start: "2027-01-01T00:00:00Z"), RoleEligibility(Bo, ApplicationAdministrator),
            RoleEligibility(AppOperators, ApplicationAdministrator), RoleEligibility(Hal, HelpdeskAdministrator), RoleEligibility(Pat, PartnerTier2Support),
            RoleEligibility(Gita, GlobalAdministrator),
        ];
        using var folder = new ScratchFolder(
            ("users/page-001.json", Collection("users", string.Join(",\n", users))),
            ("groups/page-001.json", Collection("groups", RoleAssignableGroup(AppOperators, "App Operators"))),
            ($"group-members/{AppOperators}/page-001.json", Collection("directoryObjects", Member("user", Mia))),
            ("service-principals/page-001.json", Collection("servicePrincipals", string.Join(",\n", servicePrincipals))),
            ("applications/page-001.json", Collection("applications", application)),
            ($"application-owners/{PayrollSyncApplication}/page-001.json", Collection("directoryObjects", Member("user", Nils))),
            ($"app-role-assigned-to/{GraphServicePrincipal}/page-001.json", Collection($"servicePrincipals('{GraphServicePrincipal}')/appRoleAssignedTo",
                $$"""{"id": "grant-payroll-sync", "deletedDateTime": null, "appRoleId": "{{RoleManagementReadWriteDirectory}}", "createdDateTime": "2025-06-30T12:05:10Z", "principalDisplayName": "payroll-sync", "principalId": "{{PayrollSync}}", "principalType": "ServicePrincipal", "resourceDisplayName": "Microsoft Graph", "resourceId": "{{GraphServicePrincipal}}"}""")),
            ("role-definitions/page-001.json", Collection("roleManagement/directory/roleDefinitions", string.Join(",\n",
                BuiltInRole(GlobalAdministrator, "Global Administrator", "microsoft.directory/users/allProperties/allTasks", "microsoft.directory/roleAssignments/allProperties/allTasks"),
                BuiltInRole(ApplicationAdministrator, "Application Administrator", "microsoft.directory/applications/credentials/update", "microsoft.directory/servicePrincipals/credentials/update", "microsoft.directory/servicePrincipals/owners/update"),
                BuiltInRole(HelpdeskAdministrator, "Helpdesk Administrator", "microsoft.directory/users/invalidateAllRefreshTokens", "microsoft.directory/users/password/update"),
                BuiltInRole(PartnerTier2Support, "Partner Tier2 Support", "microsoft.directory/roleAssignments/allProperties/allTasks", "microsoft.directory/users/password/update")))),
            ("role-assignments/page-001.json", Collection("roleManagement/directory/roleAssignments", string.Join(",\n",
                RoleAssignment(Ana, ApplicationAdministrator), RoleAssignment(Bo, ApplicationAdministrator), RoleAssignment(Root, GlobalAdministrator)))),
            ("role-eligibility-schedule-instances/page-001.json", Collection("roleManagement/directory/roleEligibilityScheduleInstances", string.Join(",\n", eligibilities))),
            ("role-management-policy-assignments/page-001.json", Collection(PimPolicyBodies.GraphContext, PimPolicyBodies.GraphAssignment("DirectoryRole", "/", ApplicationAdministrator, approval: false))));
        var directory = EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(directory.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return new MicrosoftEdgeContext(directory, AzureEstate.Empty, new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    }

    /// <summary>A Graph roleEligibilityScheduleInstances entry at the tenant, from 2026-01-05 unless said otherwise.</summary>
    private static string RoleEligibility(string principal, string role, string start = "2026-01-05T10:00:00Z", string? end = null) =>
        $$$"""{"id": "{{{role}}}_{{{principal}}}", "principalId": "{{{principal}}}", "roleDefinitionId": "{{{role}}}", "directoryScopeId": "/", "appScopeId": null, "startDateTime": "{{{start}}}", "endDateTime": {{{(end is null ? "null" : $"\"{end}\"")}}}, "memberType": "Direct", "roleEligibilityScheduleId": "{{{role}}}_{{{principal}}}_schedule"}""";
}
