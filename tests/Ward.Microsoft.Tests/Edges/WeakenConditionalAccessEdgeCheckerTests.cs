using Ward.Core.Graph;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Tests.Testing;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>entra-weaken-conditional-access</c> on a Graph v1.0 export of the Fabrikam tenant: Cara is a Conditional Access
/// Administrator, Ed holds a custom role that may edit the admins' MFA policy only, and two applications hold Microsoft
/// Graph's Conditional Access permission, one without <c>Policy.Read.All</c>. Gina (Global Administrator) is guarded by
/// the admins' MFA policy, Pete (Privileged Role Administrator) by it and a compliant device policy; Xena is excluded
/// from it, Rita only under a report-only policy, Uli only by a policy that terms of use satisfy.
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
    private const string AdminsMfa = "f3000001-6a7b-4c8d-9e0f-000000000001";
    private const string PeteDevice = "f3000002-6a7b-4c8d-9e0f-000000000002";
    private const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    private const string PrivilegedRoleAdministrator = "e8611ab8-c189-46e8-94e1-60213ab1f814";
    private const string ConditionalAccessAdministrator = "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9";
    private const string PolicyEditor = "f4000001-6a7b-4c8d-9e0f-000000000001";
    private const string PolicyReadWriteConditionalAccess = "01c0a623-fc9b-48e9-b794-0756f8e8f067";
    private const string PolicyReadAll = "246dd0d5-5bd0-4def-940b-0421030a5b68";

    private static readonly DateTimeOffset AsOf = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_Conditional_Access_Administrator_reaches_every_guarded_user_on_condition_of_their_first_factor()
    {
        using var tenant = Tenant(withPolicies: true);
        var edges = Edges(tenant, Cara);

        // Then Gina and Pete, each guarded by an enabled policy, are reached; nobody else is
        Assert.Equal([Gina, Pete], edges.Select(e => e.To.Value), StringComparer.Ordinal);
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
    public void A_role_scoped_to_one_policy_reaches_only_users_that_policy_alone_guards()
    {
        using var tenant = Tenant(withPolicies: true);
        var edge = Assert.Single(Edges(tenant, Ed));

        // Gina is guarded by the admins' policy only; Pete's compliant device policy is out of Ed's reach
        Assert.Equal(Gina, edge.To.Value);
        Assert.Equal(AdminsMfa, Assert.Single(edge.Permissions).Resource);
    }

    [Fact]
    public void An_application_needs_Policy_Read_All_with_the_Conditional_Access_permission()
    {
        using var tenant = Tenant(withPolicies: true);

        var edges = Edges(tenant, Automation);
        Assert.Equal([Gina, Pete], edges.Select(e => e.To.Value), StringComparer.Ordinal);
        Assert.All(edges, e => Assert.Equal(["Policy.ReadWrite.ConditionalAccess", "Policy.Read.All"], e.Permissions.Select(p => p.Action), StringComparer.Ordinal));
        Assert.Empty(Edges(tenant, WriterOnly));
    }

    [Fact]
    public void Without_the_policies_in_the_export_there_is_no_edge_but_the_writers_are_known()
    {
        using var tenant = Tenant(withPolicies: false);
        var context = Context(tenant);

        Assert.False(context.Directory.ConditionalAccessPoliciesExported);
        Assert.Empty(new WeakenConditionalAccessEdgeChecker().Check(context, targets: null));
        Assert.Equal([Cara, Ed, Gina, Xena, Automation], WeakenConditionalAccessEdgeChecker.Writers(context), StringComparer.Ordinal);
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
                User(Cara, "cara.cole"), User(Ed, "ed.evans"), User(Gina, "gina.gray"), User(Pete, "pete.park"), User(Xena, "xena.xu"), User(Rita, "rita.ross"), User(Uli, "uli.ulm")))),
            ("role-definitions/page-001.json", GraphBodies.Collection("roleManagement/directory/roleDefinitions", string.Join(",\n",
                GraphBodies.BuiltInRole(GlobalAdministrator, "Global Administrator", "microsoft.directory/conditionalAccessPolicies/allProperties/allTasks", "microsoft.directory/users/password/update"),
                GraphBodies.BuiltInRole(PrivilegedRoleAdministrator, "Privileged Role Administrator", "microsoft.directory/roleAssignments/allProperties/allTasks"),
                GraphBodies.BuiltInRole(ConditionalAccessAdministrator, "Conditional Access Administrator", "microsoft.directory/conditionalAccessPolicies/create", "microsoft.directory/conditionalAccessPolicies/delete",
                    "microsoft.directory/conditionalAccessPolicies/standard/read", "microsoft.directory/conditionalAccessPolicies/basic/update", "microsoft.directory/conditionalAccessPolicies/owners/update"),
                GraphBodies.BuiltInRole(PolicyEditor, "CA Policy Editor", "microsoft.directory/conditionalAccessPolicies/basic/update")))),
            ("role-assignments/page-001.json", GraphBodies.Collection("roleManagement/directory/roleAssignments", string.Join(",\n",
                GraphBodies.RoleAssignment(Cara, ConditionalAccessAdministrator),
                GraphBodies.RoleAssignment(Ed, PolicyEditor, "/" + AdminsMfa),
                GraphBodies.RoleAssignment(Gina, GlobalAdministrator),
                GraphBodies.RoleAssignment(Pete, PrivilegedRoleAdministrator),
                GraphBodies.RoleAssignment(Xena, GlobalAdministrator)))),
            ("service-principals/page-001.json", GraphBodies.Collection("servicePrincipals(id,appId,displayName,servicePrincipalType,appOwnerOrganizationId,accountEnabled,appRoles)", string.Join(",\n",
                $$"""{"id": "{{Graph}}", "appId": "00000003-0000-0000-c000-000000000000", "displayName": "Microsoft Graph", "servicePrincipalType": "Application", "appOwnerOrganizationId": "f8cdef31-a31e-4b4a-93e4-5f571e91255a", "accountEnabled": true, "appRoles": [{"allowedMemberTypes": ["Application"], "id": "{{PolicyReadWriteConditionalAccess}}", "isEnabled": true, "value": "Policy.ReadWrite.ConditionalAccess"}, {"allowedMemberTypes": ["Application"], "id": "{{PolicyReadAll}}", "isEnabled": true, "value": "Policy.Read.All"}]}""",
                $$"""{"id": "{{Automation}}", "appId": "a5000001-6a7b-4c8d-9e0f-000000000001", "displayName": "ca-automation", "servicePrincipalType": "Application", "appOwnerOrganizationId": "7c1d3f8b-02e5-4d4f-9a32-7b8e1fac4d26", "accountEnabled": true, "appRoles": []}""",
                $$"""{"id": "{{WriterOnly}}", "appId": "a5000002-6a7b-4c8d-9e0f-000000000002", "displayName": "ca-writer", "servicePrincipalType": "Application", "appOwnerOrganizationId": "7c1d3f8b-02e5-4d4f-9a32-7b8e1fac4d26", "accountEnabled": true, "appRoles": []}"""))),
            ($"app-role-assigned-to/{Graph}/page-001.json", GraphBodies.Collection($"servicePrincipals('{Graph}')/appRoleAssignedTo", string.Join(",\n",
                AppRole("aaaa0001", PolicyReadWriteConditionalAccess, Automation), AppRole("aaaa0002", PolicyReadAll, Automation), AppRole("aaaa0003", PolicyReadWriteConditionalAccess, WriterOnly)))),
        };
        if (withPolicies)
        {
            files.Add(("conditional-access-policies/page-001.json", GraphBodies.Collection("identity/conditionalAccess/policies", string.Join(",\n",
                Policy(AdminsMfa, "Require MFA for admins", "enabled", $$"""{"includeUsers": [], "excludeUsers": ["{{Xena}}"], "includeGroups": [], "excludeGroups": [], "includeRoles": ["{{GlobalAdministrator}}", "{{PrivilegedRoleAdministrator}}"], "excludeRoles": []}""", "OR", "\"mfa\""),
                Policy(PeteDevice, "Require compliant device for Pete", "enabled", $$"""{"includeUsers": ["{{Pete}}"], "excludeUsers": [], "includeGroups": [], "excludeGroups": [], "includeRoles": [], "excludeRoles": []}""", "AND", "\"compliantDevice\""),
                Policy("f3000003-6a7b-4c8d-9e0f-000000000003", "Report-only MFA for Rita", "enabledForReportingButNotEnforced", $$"""{"includeUsers": ["{{Rita}}"], "excludeUsers": [], "includeGroups": [], "excludeGroups": [], "includeRoles": [], "excludeRoles": []}""", "OR", "\"mfa\""),
                Policy("f3000004-6a7b-4c8d-9e0f-000000000004", "MFA or terms of use for Uli", "enabled", $$"""{"includeUsers": ["{{Uli}}"], "excludeUsers": [], "includeGroups": [], "excludeGroups": [], "includeRoles": [], "excludeRoles": []}""", "OR", "\"mfa\"", "\"b7c1e2d3-0000-4000-8000-000000000001\"")))));
        }

        return new ScratchFolder([.. files]);
    }

    private static string User(string id, string name) =>
        $$"""{"id": "{{id}}", "userPrincipalName": "{{name}}@fabrikam.onmicrosoft.com", "displayName": "{{name}}", "userType": "Member", "accountEnabled": true}""";

    private static string AppRole(string id, string appRoleId, string principal) =>
        $$"""{"id": "{{id}}", "appRoleId": "{{appRoleId}}", "principalId": "{{principal}}", "principalType": "ServicePrincipal", "resourceId": "{{Graph}}", "resourceDisplayName": "Microsoft Graph"}""";

    private static string Policy(string id, string name, string state, string users, string grantOperator, string controls, string termsOfUse = "") =>
        $$$"""
        {"id": "{{{id}}}", "displayName": "{{{name}}}", "state": "{{{state}}}", "sessionControls": null,
         "conditions": {"userRiskLevels": [], "signInRiskLevels": [], "clientAppTypes": ["all"], "platforms": null, "locations": null, "devices": null,
           "applications": {"includeApplications": ["All"], "excludeApplications": [], "includeUserActions": [], "includeAuthenticationContextClassReferences": []},
           "users": {{{users}}}},
         "grantControls": {"operator": "{{{grantOperator}}}", "builtInControls": [{{{controls}}}], "customAuthenticationFactors": [], "termsOfUse": [{{{termsOfUse}}}], "authenticationStrength": null}}
        """;
}
