using Ward.Core.Graph;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Tests.Testing;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>entra-weaken-conditional-access</c> on a Graph v1.0 export of the Fabrikam tenant: Cara is a Conditional Access
/// Administrator, Ed a Security Administrator scoped to the HQ administrative unit (Gina and Pete are members), and
/// three applications hold Microsoft Graph's Conditional Access permission: one with <c>Policy.Read.All</c>, one with
/// <c>Application.Read.All</c>, one alone. Gina (Global Administrator) is guarded by the admins' MFA policy, Pete
/// (Privileged Role Administrator) by it and a compliant device policy, and also falls under four policies that leave
/// ordinary sign-ins out: a block of legacy clients, MFA at high sign-in risk, MFA for Azure management, a block from
/// untrusted locations. Lee, Risa, Ana and Tom fall under one of those each and nothing else; Xena is excluded from the
/// admins' policy, Rita only under a report-only policy, Uli only by a policy that terms of use satisfy. Sam falls under
/// the block of legacy clients and an MFA policy for browsers and desktop clients, which guard every sign-in together;
/// Max under those two and an MFA policy of his own; Eve under the MFA policy for browsers and desktop clients and a
/// block of Exchange ActiveSync, which leave other legacy clients out.
/// </summary>
public sealed class WeakenConditionalAccessEdgeCheckerTests
{
    private const string Cara = "f1000001-6a7b-4c8d-9e0f-000000000001";
    private const string Ed = "f1000002-6a7b-4c8d-9e0f-000000000002";
    private const string Gina = "f1000003-6a7b-4c8d-9e0f-000000000003";
    private const string Pete = "f1000004-6a7b-4c8d-9e0f-000000000004";
    private const string Xena = "f1000005-6a7b-4c8d-9e0f-000000000005";
    private const string Rita = "f1000006-6a7b-4c8d-9e0f-000000000006";
    private const string Uli = "f1000007-6a7b-4c8d-9e0f-000000000007";
    private const string Graph = "f2000001-6a7b-4c8d-9e0f-000000000001";
    private const string Automation = "f2000002-6a7b-4c8d-9e0f-000000000002";
    private const string WriterOnly = "f2000003-6a7b-4c8d-9e0f-000000000003";
    private const string AppReader = "f2000004-6a7b-4c8d-9e0f-000000000004";
    private const string Lee = "f1000008-6a7b-4c8d-9e0f-000000000008";
    private const string Risa = "f1000009-6a7b-4c8d-9e0f-000000000009";
    private const string Ana = "f100000a-6a7b-4c8d-9e0f-00000000000a";
    private const string Tom = "f100000b-6a7b-4c8d-9e0f-00000000000b";
    private const string Sam = "f100000c-6a7b-4c8d-9e0f-00000000000c";
    private const string Max = "f100000d-6a7b-4c8d-9e0f-00000000000d";
    private const string Eve = "f100000e-6a7b-4c8d-9e0f-00000000000e";
    private const string BlockLegacy = "f3000005-6a7b-4c8d-9e0f-000000000005";
    private const string ModernMfa = "f3000009-6a7b-4c8d-9e0f-000000000009";
    private const string MaxMfa = "f300000a-6a7b-4c8d-9e0f-00000000000a";
    private const string Hq = "f5000001-6a7b-4c8d-9e0f-000000000001";
    private const string AzureManagement = "797f4846-ba00-4fd7-ba43-dac1f8f63013";
    private const string AdminsMfa = "f3000001-6a7b-4c8d-9e0f-000000000001";
    private const string PeteDevice = "f3000002-6a7b-4c8d-9e0f-000000000002";
    private const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    private const string PrivilegedRoleAdministrator = "e8611ab8-c189-46e8-94e1-60213ab1f814";
    private const string ConditionalAccessAdministrator = "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9";
    private const string SecurityAdministrator = "194ae4cb-b126-40b2-bd5b-6091b380977d";
    private const string PolicyReadWriteConditionalAccess = "01c0a623-fc9b-48e9-b794-0756f8e8f067";
    private const string PolicyReadAll = "246dd0d5-5bd0-4def-940b-0421030a5b68";
    private const string ApplicationReadAll = "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30";

    private static readonly DateTimeOffset AsOf = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_Conditional_Access_Administrator_reaches_every_guarded_user_on_condition_of_their_first_factor()
    {
        using var tenant = Tenant(withPolicies: true);
        var edges = Edges(tenant, Cara);

        // Then Gina and Pete, each guarded by an enabled policy, and Sam and Max, guarded by policies together, are reached; nobody else is
        Assert.Equal([Gina, Pete, Sam, Max], edges.Select(e => e.To.Value), StringComparer.Ordinal);
        var pete = Assert.Single(edges, e => e.To.Value == Pete);
        Assert.Equal(
            "`pete.park@fabrikam.onmicrosoft.com`'s password (or another first factor of theirs) is known, and no per-user MFA (not in the export) asks for a second factor: the edge only removes the Conditional Access policies standing between it and a sign-in, "
            + "`Require MFA for admins` (it includes role `Privileged Role Administrator`, it requires `mfa`); `Require compliant device for Pete` (it includes them by name, it requires `compliantDevice`)",
            Assert.Single(pete.Requirements));
        Assert.Equal(["microsoft.directory/conditionalAccessPolicies/basic/update", "microsoft.directory/conditionalAccessPolicies/basic/update"], pete.Permissions.Select(p => p.Action), StringComparer.Ordinal);
        Assert.Equal([AdminsMfa, PeteDevice], pete.Permissions.Select(p => p.Resource), StringComparer.Ordinal);
        Assert.Contains("`Require MFA for admins`, `Require compliant device for Pete` that guard their sign-in", pete.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Lee)] // a block of legacy clients only: a modern client signs in with the password
    [InlineData(Risa)] // MFA at high sign-in risk only: at normal risk the password is enough
    [InlineData(Ana)] // MFA for Azure management only: other applications take the password
    [InlineData(Tom)] // a block from untrusted locations only: from a trusted one the password is enough
    public void A_user_only_a_policy_with_a_gap_guards_gets_no_edge(string user)
    {
        using var tenant = Tenant(withPolicies: true);

        Assert.DoesNotContain(All(tenant), e => e.To.Value == user);
    }

    [Fact]
    public void Policies_with_a_gap_are_not_among_the_guards_of_a_user_a_full_policy_guards()
    {
        using var tenant = Tenant(withPolicies: true);

        // Pete also falls under the four policies with a gap: his edge removes only the two that guard every sign-in
        var pete = Assert.Single(Edges(tenant, Cara), e => e.To.Value == Pete);
        Assert.Equal([AdminsMfa, PeteDevice], pete.Permissions.Select(p => p.Resource), StringComparer.Ordinal);
        var requirement = Assert.Single(pete.Requirements);
        Assert.All(["Block legacy authentication", "MFA at high sign-in risk", "MFA for Azure management", "Block untrusted locations"],
            name => Assert.DoesNotContain(name, requirement, StringComparison.Ordinal));
    }

    [Fact]
    public void A_user_two_partial_policies_guard_together_is_reached_by_weakening_those_guarding_some_sign_ins()
    {
        using var tenant = Tenant(withPolicies: true);

        // Sam: the MFA policy for browsers and desktop clients and the block of legacy clients guard every sign-in
        // together; weakening the first lets the password in through a browser
        var sam = Assert.Single(Edges(tenant, Cara), e => e.To.Value == Sam);
        Assert.Equal([ModernMfa], sam.Permissions.Select(p => p.Resource), StringComparer.Ordinal);
        Assert.Equal(
            "excludes `sam.shaw@fabrikam.onmicrosoft.com` from, turns off or deletes the Conditional Access policy `MFA for modern clients` that guards their sign-ins from `browser` or `mobileAppsAndDesktopClients` clients (other policies guard the rest)",
            sam.Description);
        Assert.Contains("`MFA for modern clients` (it includes them by name, it requires `mfa`)", Assert.Single(sam.Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_policy_is_not_all_that_stands_when_partial_policies_cover_together_behind_it()
    {
        using var tenant = Tenant(withPolicies: true);

        // Max: removing his own MFA policy still leaves the two partial ones covering every sign-in together, so the
        // edge removes it and one of them
        var max = Assert.Single(Edges(tenant, Cara), e => e.To.Value == Max);
        Assert.Equal([ModernMfa, MaxMfa], max.Permissions.Select(p => p.Resource).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Contains("the Conditional Access policies `MFA for Max`, `MFA for modern clients` that guard their sign-ins from `browser` or `mobileAppsAndDesktopClients` clients", max.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Partial_policies_that_leave_other_legacy_clients_out_guard_nothing()
    {
        using var tenant = Tenant(withPolicies: true);

        // Eve: browsers and desktop clients require MFA and Exchange ActiveSync is blocked, but other legacy clients take the password
        Assert.DoesNotContain(All(tenant), e => e.To.Value == Eve);
    }

    [Theory]
    [InlineData(Xena)] // excluded from the admins' policy by name
    [InlineData(Rita)] // only a report-only policy
    [InlineData(Uli)] // a policy whose grant terms of use satisfy instead of MFA (operator OR)
    [InlineData(Cara)] // no policy includes her
    public void A_user_no_enforced_policy_guards_gets_no_edge(string user)
    {
        using var tenant = Tenant(withPolicies: true);

        Assert.DoesNotContain(All(tenant), e => e.To.Value == user);
    }

    [Fact]
    public void A_Security_Administrator_scoped_to_an_administrative_unit_reaches_no_policy()
    {
        using var tenant = Tenant(withPolicies: true);

        // Its role grants the policy actions, but only on the unit's members: Gina and Pete, not the policies guarding them
        Assert.Empty(Edges(tenant, Ed));
    }

    [Fact]
    public void An_application_needs_Policy_Read_All_or_Application_Read_All_with_the_Conditional_Access_permission()
    {
        using var tenant = Tenant(withPolicies: true);

        var edges = Edges(tenant, Automation);
        Assert.Equal([Gina, Pete, Sam, Max], edges.Select(e => e.To.Value), StringComparer.Ordinal);
        Assert.All(edges, e => Assert.Equal(["Policy.ReadWrite.ConditionalAccess", "Policy.Read.All"], e.Permissions.Select(p => p.Action), StringComparer.Ordinal));

        // Graph's higher privileged pair for updating and deleting a policy
        var withApplicationRead = Edges(tenant, AppReader);
        Assert.Equal([Gina, Pete, Sam, Max], withApplicationRead.Select(e => e.To.Value), StringComparer.Ordinal);
        Assert.All(withApplicationRead, e => Assert.Equal(["Policy.ReadWrite.ConditionalAccess", "Application.Read.All"], e.Permissions.Select(p => p.Action), StringComparer.Ordinal));

        Assert.Empty(Edges(tenant, WriterOnly));
    }

    [Fact]
    public void Without_the_policies_in_the_export_there_is_no_edge_but_the_writers_are_known()
    {
        using var tenant = Tenant(withPolicies: false);
        var context = Context(tenant);

        Assert.False(context.Directory.ConditionalAccessPoliciesExported);
        Assert.Empty(new WeakenConditionalAccessEdgeChecker().Check(context, targets: null));
        // Directory-wide role holders and the applications with a permission pair; not Ed, whose role stops at an administrative unit
        Assert.Equal([Cara, Gina, Xena, Automation, AppReader], WeakenConditionalAccessEdgeChecker.Writers(context), StringComparer.Ordinal);
    }

    [Fact]
    public void The_graph_leads_from_the_Conditional_Access_Administrator_to_Global_Administrator()
    {
        using var tenant = Tenant(withPolicies: true);
        var graph = MicrosoftGraphBuilder.Build(Context(tenant));

        var edge = Assert.Single(graph.Edges, e => e.From.Value == Cara && e.To.Value == Gina);
        Assert.Equal(("entra-weaken-conditional-access", true), (edge.Technique, edge.IsConditional));
    }

    private static List<Edge> Edges(ScratchFolder tenant, string from) =>
        [.. All(tenant).Where(e => e.From.Value == from).OrderBy(e => e.To.Value, StringComparer.Ordinal)];

    private static List<Edge> All(ScratchFolder tenant) => [.. new WeakenConditionalAccessEdgeChecker().Check(Context(tenant), targets: null)];

    private static MicrosoftEdgeContext Context(ScratchFolder tenant)
    {
        var estates = MicrosoftEstateLoader.Load([tenant.Path]);
        return new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf);
    }

    private static ScratchFolder Tenant(bool withPolicies)
    {
        var files = new List<(string, string)>
        {
            ("organization.json", GraphBodies.Collection("organization(id,displayName,verifiedDomains)",
                """{"id": "7c1d3f8b-02e5-4d4f-9a32-7b8e1fac4d26", "displayName": "Fabrikam", "verifiedDomains": [{"isDefault": true, "isInitial": true, "name": "fabrikam.onmicrosoft.com", "type": "Managed"}]}""")),
            ("users/page-001.json", GraphBodies.Collection("users(id,userPrincipalName,displayName,userType,accountEnabled)", string.Join(",\n",
                User(Cara, "cara.cole"), User(Ed, "ed.evans"), User(Gina, "gina.gray"), User(Pete, "pete.park"), User(Xena, "xena.xu"), User(Rita, "rita.ross"), User(Uli, "uli.ulm"),
                User(Lee, "lee.lang"), User(Risa, "risa.roy"), User(Ana, "ana.alba"), User(Tom, "tom.tate"), User(Sam, "sam.shaw"), User(Max, "max.moss"), User(Eve, "eve.east")))),
            ("role-definitions/page-001.json", GraphBodies.Collection("roleManagement/directory/roleDefinitions", string.Join(",\n",
                GraphBodies.BuiltInRole(GlobalAdministrator, "Global Administrator", "microsoft.directory/conditionalAccessPolicies/allProperties/allTasks", "microsoft.directory/users/password/update"),
                GraphBodies.BuiltInRole(PrivilegedRoleAdministrator, "Privileged Role Administrator", "microsoft.directory/roleAssignments/allProperties/allTasks"),
                GraphBodies.BuiltInRole(ConditionalAccessAdministrator, "Conditional Access Administrator", "microsoft.directory/conditionalAccessPolicies/create", "microsoft.directory/conditionalAccessPolicies/delete",
                    "microsoft.directory/conditionalAccessPolicies/standard/read", "microsoft.directory/conditionalAccessPolicies/basic/update", "microsoft.directory/conditionalAccessPolicies/owners/update"),
                GraphBodies.BuiltInRole(SecurityAdministrator, "Security Administrator", "microsoft.directory/conditionalAccessPolicies/create", "microsoft.directory/conditionalAccessPolicies/delete",
                    "microsoft.directory/conditionalAccessPolicies/standard/read", "microsoft.directory/conditionalAccessPolicies/basic/update", "microsoft.directory/conditionalAccessPolicies/owners/update")))),
            ("role-assignments/page-001.json", GraphBodies.Collection("roleManagement/directory/roleAssignments", string.Join(",\n",
                GraphBodies.RoleAssignment(Cara, ConditionalAccessAdministrator),
                GraphBodies.RoleAssignment(Ed, SecurityAdministrator, $"/administrativeUnits/{Hq}"),
                GraphBodies.RoleAssignment(Gina, GlobalAdministrator),
                GraphBodies.RoleAssignment(Pete, PrivilegedRoleAdministrator),
                GraphBodies.RoleAssignment(Xena, GlobalAdministrator)))),
            ("service-principals/page-001.json", GraphBodies.Collection("servicePrincipals(id,appId,displayName,servicePrincipalType,appOwnerOrganizationId,accountEnabled,appRoles)", string.Join(",\n",
                $$"""{"id": "{{Graph}}", "appId": "00000003-0000-0000-c000-000000000000", "displayName": "Microsoft Graph", "servicePrincipalType": "Application", "appOwnerOrganizationId": "f8cdef31-a31e-4b4a-93e4-5f571e91255a", "accountEnabled": true, "appRoles": [{"allowedMemberTypes": ["Application"], "id": "{{PolicyReadWriteConditionalAccess}}", "isEnabled": true, "value": "Policy.ReadWrite.ConditionalAccess"}, {"allowedMemberTypes": ["Application"], "id": "{{PolicyReadAll}}", "isEnabled": true, "value": "Policy.Read.All"}, {"allowedMemberTypes": ["Application"], "id": "{{ApplicationReadAll}}", "isEnabled": true, "value": "Application.Read.All"}]}""",
                $$"""{"id": "{{Automation}}", "appId": "a5000001-6a7b-4c8d-9e0f-000000000001", "displayName": "ca-automation", "servicePrincipalType": "Application", "appOwnerOrganizationId": "7c1d3f8b-02e5-4d4f-9a32-7b8e1fac4d26", "accountEnabled": true, "appRoles": []}""",
                $$"""{"id": "{{WriterOnly}}", "appId": "a5000002-6a7b-4c8d-9e0f-000000000002", "displayName": "ca-writer", "servicePrincipalType": "Application", "appOwnerOrganizationId": "7c1d3f8b-02e5-4d4f-9a32-7b8e1fac4d26", "accountEnabled": true, "appRoles": []}""",
                $$"""{"id": "{{AppReader}}", "appId": "a5000004-6a7b-4c8d-9e0f-000000000004", "displayName": "ca-app-reader", "servicePrincipalType": "Application", "appOwnerOrganizationId": "7c1d3f8b-02e5-4d4f-9a32-7b8e1fac4d26", "accountEnabled": true, "appRoles": []}"""))),
            ($"app-role-assigned-to/{Graph}/page-001.json", GraphBodies.Collection($"servicePrincipals('{Graph}')/appRoleAssignedTo", string.Join(",\n",
                AppRole("aaaa0001", PolicyReadWriteConditionalAccess, Automation), AppRole("aaaa0002", PolicyReadAll, Automation), AppRole("aaaa0003", PolicyReadWriteConditionalAccess, WriterOnly),
                AppRole("aaaa0004", PolicyReadWriteConditionalAccess, AppReader), AppRole("aaaa0005", ApplicationReadAll, AppReader)))),
            ("administrative-units/page-001.json", GraphBodies.Collection("directory/administrativeUnits",
                $$"""{"id": "{{Hq}}", "displayName": "HQ", "description": null, "isMemberManagementRestricted": false, "membershipType": null, "membershipRule": null, "membershipRuleProcessingState": null, "visibility": null}""")),
            ($"administrative-unit-members/{Hq}/page-001.json", GraphBodies.Collection("directoryObjects", $"{GraphBodies.Member("user", Gina)},\n{GraphBodies.Member("user", Pete)}")),
        };
        if (withPolicies)
        {
            files.Add(("conditional-access-policies/page-001.json", GraphBodies.Collection("identity/conditionalAccess/policies", string.Join(",\n",
                Policy(AdminsMfa, "Require MFA for admins", "enabled", $$"""{"includeUsers": [], "excludeUsers": ["{{Xena}}"], "includeGroups": [], "excludeGroups": [], "includeRoles": ["{{GlobalAdministrator}}", "{{PrivilegedRoleAdministrator}}"], "excludeRoles": []}""", "OR", "\"mfa\""),
                Policy(PeteDevice, "Require compliant device for Pete", "enabled", $$"""{"includeUsers": ["{{Pete}}"], "excludeUsers": [], "includeGroups": [], "excludeGroups": [], "includeRoles": [], "excludeRoles": []}""", "AND", "\"compliantDevice\""),
                Policy("f3000003-6a7b-4c8d-9e0f-000000000003", "Report-only MFA for Rita", "enabledForReportingButNotEnforced", $$"""{"includeUsers": ["{{Rita}}"], "excludeUsers": [], "includeGroups": [], "excludeGroups": [], "includeRoles": [], "excludeRoles": []}""", "OR", "\"mfa\""),
                Policy("f3000004-6a7b-4c8d-9e0f-000000000004", "MFA or terms of use for Uli", "enabled", $$"""{"includeUsers": ["{{Uli}}"], "excludeUsers": [], "includeGroups": [], "excludeGroups": [], "includeRoles": [], "excludeRoles": []}""", "OR", "\"mfa\"", "\"b7c1e2d3-0000-4000-8000-000000000001\""),
                Policy(BlockLegacy, "Block legacy authentication", "enabled", Named(Lee, Pete, Sam, Max), "OR", "\"block\"", clientAppTypes: "\"exchangeActiveSync\", \"other\""),
                Policy("f3000006-6a7b-4c8d-9e0f-000000000006", "MFA at high sign-in risk", "enabled", Named(Risa, Pete), "OR", "\"mfa\"", signInRiskLevels: "\"high\""),
                Policy("f3000007-6a7b-4c8d-9e0f-000000000007", "MFA for Azure management", "enabled", Named(Ana, Pete), "OR", "\"mfa\"", applications: $"\"{AzureManagement}\""),
                Policy("f3000008-6a7b-4c8d-9e0f-000000000008", "Block untrusted locations", "enabled", Named(Tom, Pete), "OR", "\"block\"",
                    locations: """{"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]}"""),
                Policy(ModernMfa, "MFA for modern clients", "enabled", Named(Sam, Max, Eve), "OR", "\"mfa\"", clientAppTypes: "\"browser\", \"mobileAppsAndDesktopClients\""),
                Policy(MaxMfa, "MFA for Max", "enabled", Named(Max), "OR", "\"mfa\""),
                Policy("f300000b-6a7b-4c8d-9e0f-00000000000b", "Block Exchange ActiveSync", "enabled", Named(Eve), "OR", "\"block\"", clientAppTypes: "\"exchangeActiveSync\"")))));
        }

        return new ScratchFolder([.. files]);
    }

    private static string User(string id, string name) =>
        $$"""{"id": "{{id}}", "userPrincipalName": "{{name}}@fabrikam.onmicrosoft.com", "displayName": "{{name}}", "userType": "Member", "accountEnabled": true}""";

    private static string AppRole(string id, string appRoleId, string principal) =>
        $$"""{"id": "{{id}}", "appRoleId": "{{appRoleId}}", "principalId": "{{principal}}", "principalType": "ServicePrincipal", "resourceId": "{{Graph}}", "resourceDisplayName": "Microsoft Graph"}""";

    private static string Named(params string[] users) =>
        $$"""{"includeUsers": [{{string.Join(", ", users.Select(u => $"\"{u}\""))}}], "excludeUsers": [], "includeGroups": [], "excludeGroups": [], "includeRoles": [], "excludeRoles": []}""";

    private static string Policy(string id, string name, string state, string users, string grantOperator, string controls, string termsOfUse = "",
        string clientAppTypes = "\"all\"", string signInRiskLevels = "", string applications = "\"All\"", string locations = "null") =>
        $$$"""
        {"id": "{{{id}}}", "displayName": "{{{name}}}", "state": "{{{state}}}", "sessionControls": null,
         "conditions": {"userRiskLevels": [], "signInRiskLevels": [{{{signInRiskLevels}}}], "clientAppTypes": [{{{clientAppTypes}}}], "platforms": null, "locations": {{{locations}}}, "devices": null,
           "applications": {"includeApplications": [{{{applications}}}], "excludeApplications": [], "includeUserActions": [], "includeAuthenticationContextClassReferences": []},
           "users": {{{users}}}},
         "grantControls": {"operator": "{{{grantOperator}}}", "builtInControls": [{{{controls}}}], "customAuthenticationFactors": [], "termsOfUse": [{{{termsOfUse}}}], "authenticationStrength": null}}
        """;
}
