using Ward.Core.Diagnostics;
using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.GraphBodies;
using static Ward.Microsoft.Tests.Testing.PimPolicyBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// PIM activation decided with the exported role management policies: <c>entra-pim-activate</c> for directory and
/// Azure roles, <c>entra-pim-group-activate</c> for PIM for Groups. No approval: certain. Approval: conditional on the
/// approvers named. The principal as its only approver: conditional on another one. No policy: as before.
/// </summary>
public sealed class PimActivationPolicyEdgeTests
{
    private const string Activate = "entra-pim-activate";
    private const string GroupActivate = "entra-pim-group-activate";
    private const string NotExported = "the role's PIM settings let the principal activate it (approval and MFA settings are not exported)";
    private const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    private const string PrivilegedRoleAdministrator = "e8611ab8-c189-46e8-94e1-60213ab1f814";
    private const string PrivilegedAuthenticationAdministrator = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13";
    private const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    private const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
    private const string Subscription = "/subscriptions/a1d5f3c7-84b2-4e69-9f0a-6b3c2d1e7f45";

    private const string Nina = "4c1e7a20-9d3b-4f58-a6e2-1b0c9d8e7f01";
    private const string Sam = "4c1e7a20-9d3b-4f58-a6e2-1b0c9d8e7f02";
    private const string Vic = "4c1e7a20-9d3b-4f58-a6e2-1b0c9d8e7f03";
    private const string Kim = "4c1e7a20-9d3b-4f58-a6e2-1b0c9d8e7f04";
    private const string Lee = "4c1e7a20-9d3b-4f58-a6e2-1b0c9d8e7f05";
    private const string Olga = "4c1e7a20-9d3b-4f58-a6e2-1b0c9d8e7f06";
    private const string Priya = "4c1e7a20-9d3b-4f58-a6e2-1b0c9d8e7f07";
    private const string Raj = "4c1e7a20-9d3b-4f58-a6e2-1b0c9d8e7f08";
    private const string Tier0Admins = "6a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c01";
    private const string PimApprovers = "6a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c02";

    private static readonly DateTimeOffset AsOf = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_directory_role_whose_policy_requires_no_approval_is_activated_for_certain()
    {
        // Given nina, eligible for Global Administrator, whose PIM policy asks for MFA and a justification, no approval
        var edge = EdgeOf(Build(withPolicies: true), Nina, Activate);

        // Then her activation is certain, and what she supplies herself is said, not required
        Assert.False(edge.IsConditional);
        Assert.Contains("requires no approval; it supplies MFA and a justification itself", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_role_whose_policy_requires_approval_stays_conditional_on_the_approvers_named()
    {
        // Given sam, eligible for Privileged Role Administrator, approved by kim or a member of PIM Approvers
        var edge = EdgeOf(Build(withPolicies: true), Sam, Activate);

        var requirement = Assert.Single(edge.Requirements);
        Assert.StartsWith("an approver named by the role's PIM policy approves the activation", requirement, StringComparison.Ordinal);
        Assert.Contains("user `kim.larsen@contoso.onmicrosoft.com`", requirement, StringComparison.Ordinal);
        Assert.Contains("group `PIM Approvers`", requirement, StringComparison.Ordinal);
    }

    [Fact]
    public void A_principal_that_is_its_own_only_approver_needs_another_one()
    {
        // Given vic, eligible for Privileged Authentication Administrator, whose policy names vic alone as approver
        var edge = EdgeOf(Build(withPolicies: true), Vic, Activate);

        var requirement = Assert.Single(edge.Requirements);
        Assert.Contains("an approver other than the principal", requirement, StringComparison.Ordinal);
        Assert.Contains("names only the principal itself (user `vic.moreau@contoso.onmicrosoft.com`)", requirement, StringComparison.Ordinal);
        Assert.Contains("does not let anyone approve their own request", requirement, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_exported_policy_activation_stays_conditional_as_before()
    {
        var graph = Build(withPolicies: false);

        foreach (var user in new[] { Nina, Sam, Vic })
        {
            Assert.Equal(NotExported, Assert.Single(EdgeOf(graph, user, Activate).Requirements));
        }

        Assert.Equal("the group's PIM settings let the principal activate it (approval and MFA settings are not exported)", Assert.Single(EdgeOf(graph, Lee, GroupActivate).Requirements));
    }

    [Fact]
    public void A_group_s_policy_decides_membership_and_ownership_activation_apart()
    {
        // Given lee, eligible member of Tier0 Admins (member policy: no approval), and olga, eligible owner (owner
        // policy: approval by PIM Approvers, whose member is kim)
        var graph = Build(withPolicies: true);
        var member = EdgeOf(graph, Lee, GroupActivate);
        var owner = EdgeOf(graph, Olga, GroupActivate);

        Assert.False(member.IsConditional);
        Assert.Contains("the group's PIM policy requires no approval", member.Description, StringComparison.Ordinal);
        Assert.Contains("group `PIM Approvers`", Assert.Single(owner.Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void An_Azure_role_s_policy_at_the_eligibility_s_scope_decides_its_activation()
    {
        // Given priya, eligible Owner of the subscription (policy assignment with effective rules: no approval), and
        // raj, eligible User Access Administrator (assignment without rules; its policy, listed apart, requires the
        // approval of PIM Approvers)
        var graph = Build(withPolicies: true);
        var owner = EdgeOf(graph, Priya, Activate);
        var access = EdgeOf(graph, Raj, Activate);

        Assert.False(owner.IsConditional);
        Assert.Contains("MFA, a justification and ticket information itself", owner.Description, StringComparison.Ordinal);
        Assert.Contains("group `PIM Approvers`", Assert.Single(access.Requirements), StringComparison.Ordinal);

        // And without the policies both stay as before
        var before = Build(withPolicies: false);
        Assert.Equal(NotExported, Assert.Single(EdgeOf(before, Priya, Activate).Requirements));
        Assert.Equal(NotExported, Assert.Single(EdgeOf(before, Raj, Activate).Requirements));
    }

    [Fact]
    public void A_policy_listed_without_its_rules_is_a_located_warning_and_decides_nothing()
    {
        // Given the policy assignments listed without `$expand=policy($expand=rules)`
        var listed = $$$"""{"id": "DirectoryRole_x_{{{GlobalAdministrator}}}", "policyId": "DirectoryRole_x", "scopeId": "/", "scopeType": "DirectoryRole", "roleDefinitionId": "{{{GlobalAdministrator}}}"}""";
        using var folder = Folder(withPolicies: false);
        var file = folder.Write("entra/role-management-policy-assignments/page-001.json", Collection("policies/roleManagementPolicyAssignments", listed));
        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        var warning = Assert.Single(loaded.Diagnostics, d => d.Message.Contains("was not expanded", StringComparison.Ordinal));
        Assert.Equal((DiagnosticSeverity.Warning, file, "$.value[0]"), (warning.Severity, warning.Location.File, warning.Location.JsonPath));
        var graph = MicrosoftGraphBuilder.Build(new MicrosoftEdgeContext(loaded.Entra, loaded.Azure, AsOf));
        Assert.Equal(NotExported, Assert.Single(EdgeOf(graph, Nina, Activate).Requirements));
    }

    [Fact]
    public void AzureHound_s_flattened_policy_decides_a_directory_role_s_activation()
    {
        // Given what `azurehound list` writes: nina eligible for Global Administrator, whose policy requires the
        // approval of kim (ids upper-cased, flags left out when false), and vic eligible for Privileged Role
        // Administrator, whose policy requires none
        string[] records =
        [
            $$$"""{"kind":"AZUser","data":{"id":"{{{Nina.ToUpperInvariant()}}}","displayName":"Nina Ortiz","userPrincipalName":"nina.ortiz@contoso.onmicrosoft.com","accountEnabled":true,"tenantId":"3F1C2D4E-8B7A-4C6D-9E0F-1A2B3C4D5E6F","tenantName":"Contoso"}}""",
            $$$"""{"kind":"AZUser","data":{"id":"{{{Kim.ToUpperInvariant()}}}","displayName":"Kim Larsen","userPrincipalName":"kim.larsen@contoso.onmicrosoft.com","accountEnabled":true,"tenantId":"3F1C2D4E-8B7A-4C6D-9E0F-1A2B3C4D5E6F","tenantName":"Contoso"}}""",
            $$$"""{"kind":"AZUser","data":{"id":"{{{Vic.ToUpperInvariant()}}}","displayName":"Vic Moreau","userPrincipalName":"vic.moreau@contoso.onmicrosoft.com","accountEnabled":true,"tenantId":"3F1C2D4E-8B7A-4C6D-9E0F-1A2B3C4D5E6F","tenantName":"Contoso"}}""",
            $$$"""{"kind":"AZRole","data":{"id":"{{{GlobalAdministrator.ToUpperInvariant()}}}","displayName":"Global Administrator","isBuiltIn":true,"isEnabled":true,"templateId":"{{{GlobalAdministrator}}}","rolePermissions":[{"allowedResourceActions":["microsoft.directory/users/allProperties/allTasks"]}],"tenantId":"3F1C2D4E-8B7A-4C6D-9E0F-1A2B3C4D5E6F"}}""",
            $$$"""{"kind":"AZRole","data":{"id":"{{{PrivilegedRoleAdministrator.ToUpperInvariant()}}}","displayName":"Privileged Role Administrator","isBuiltIn":true,"isEnabled":true,"templateId":"{{{PrivilegedRoleAdministrator}}}","rolePermissions":[{"allowedResourceActions":["microsoft.directory/roleAssignments/allProperties/allTasks"]}],"tenantId":"3F1C2D4E-8B7A-4C6D-9E0F-1A2B3C4D5E6F"}}""",
            $$$"""{"kind":"AZRoleEligibilityScheduleInstance","data":{"id":"elig-nina","roleDefinitionId":"{{{GlobalAdministrator.ToUpperInvariant()}}}","principalId":"{{{Nina.ToUpperInvariant()}}}","directoryScopeId":"/","startDateTime":"2026-01-05T10:00:00Z","tenantId":"3F1C2D4E-8B7A-4C6D-9E0F-1A2B3C4D5E6F"}}""",
            $$$"""{"kind":"AZRoleEligibilityScheduleInstance","data":{"id":"elig-vic","roleDefinitionId":"{{{PrivilegedRoleAdministrator.ToUpperInvariant()}}}","principalId":"{{{Vic.ToUpperInvariant()}}}","directoryScopeId":"/","startDateTime":"2026-01-05T10:00:00Z","tenantId":"3F1C2D4E-8B7A-4C6D-9E0F-1A2B3C4D5E6F"}}""",
            $$$"""{"kind":"AZRoleManagementPolicyAssignment","data":{"id":"DirectoryRole_x_{{{GlobalAdministrator}}}","roleDefinitionId":"{{{GlobalAdministrator.ToUpperInvariant()}}}","endUserAssignmentRequiresApproval":true,"endUserAssignmentUserApprovers":["{{{Kim.ToUpperInvariant()}}}"],"endUserAssignmentRequiresMFA":true,"tenantId":"3F1C2D4E-8B7A-4C6D-9E0F-1A2B3C4D5E6F"}}""",
            $$$"""{"kind":"AZRoleManagementPolicyAssignment","data":{"id":"DirectoryRole_x_{{{PrivilegedRoleAdministrator}}}","roleDefinitionId":"{{{PrivilegedRoleAdministrator.ToUpperInvariant()}}}","endUserAssignmentRequiresJustification":true,"tenantId":"3F1C2D4E-8B7A-4C6D-9E0F-1A2B3C4D5E6F"}}""",
        ];
        using var folder = new ScratchFolder(("azurehound.json", $$$"""{"data": [{{{string.Join(",\n", records)}}}], "meta": {"type": "azure", "version": 5, "count": {{{records.Length}}}}}"""));
        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var graph = MicrosoftGraphBuilder.Build(new MicrosoftEdgeContext(loaded.Entra, loaded.Azure, AsOf));

        Assert.Contains("user `kim.larsen@contoso.onmicrosoft.com`", Assert.Single(EdgeOf(graph, Nina, Activate).Requirements), StringComparison.Ordinal);
        var certain = EdgeOf(graph, Vic, Activate);
        Assert.False(certain.IsConditional);
        Assert.Contains("it supplies a justification itself", certain.Description, StringComparison.Ordinal);
    }

    private static Edge EdgeOf(EntitlementGraph graph, string principal, string technique) =>
        Assert.Single(graph.Outgoing(new PrincipalId(principal)), e => e.Technique == technique);

    private static EntitlementGraph Build(bool withPolicies)
    {
        using var folder = Folder(withPolicies);
        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        return MicrosoftGraphBuilder.Build(new MicrosoftEdgeContext(loaded.Entra, loaded.Azure, AsOf));
    }

    private static ScratchFolder Folder(bool withPolicies)
    {
        var users = new[]
        {
            User(Nina, "Nina Ortiz"), User(Sam, "Sam Reyes"), User(Vic, "Vic Moreau"), User(Kim, "Kim Larsen"), User(Lee, "Lee Gu"), User(Olga, "Olga Berg"),
            User(Priya, "Priya Nair"), User(Raj, "Raj Patel"),
        };
        var roles = new[]
        {
            BuiltInRole(GlobalAdministrator, "Global Administrator", "microsoft.directory/users/allProperties/allTasks"),
            BuiltInRole(PrivilegedRoleAdministrator, "Privileged Role Administrator", "microsoft.directory/roleAssignments/allProperties/allTasks"),
            BuiltInRole(PrivilegedAuthenticationAdministrator, "Privileged Authentication Administrator", "microsoft.directory/users/password/update"),
        };
        var eligibilities = new[] { RoleEligibility(Nina, GlobalAdministrator), RoleEligibility(Sam, PrivilegedRoleAdministrator), RoleEligibility(Vic, PrivilegedAuthenticationAdministrator) };
        var groupEligibilities = new[] { GroupEligibility(Lee, "member"), GroupEligibility(Olga, "owner") };
        var folder = new ScratchFolder(
            ("entra/users/page-001.json", Collection("users", string.Join(",\n", users))),
            ("entra/groups/page-001.json", Collection("groups", string.Join(",\n", RoleAssignableGroup(Tier0Admins, "Tier0 Admins"), Group(PimApprovers, "PIM Approvers")))),
            ($"entra/group-members/{Tier0Admins}/page-001.json", Collection("directoryObjects", string.Empty)),
            ($"entra/group-members/{PimApprovers}/page-001.json", Collection("directoryObjects", Member("user", Kim))),
            ("entra/role-definitions/page-001.json", Collection("roleManagement/directory/roleDefinitions", string.Join(",\n", roles))),
            ("entra/role-assignments/page-001.json", Collection("roleManagement/directory/roleAssignments", RoleAssignment(Tier0Admins, GlobalAdministrator))),
            ("entra/role-eligibility-schedule-instances/page-001.json", Collection("roleManagement/directory/roleEligibilityScheduleInstances", string.Join(",\n", eligibilities))),
            ("entra/pim-group-eligibility-schedule-instances/page-001.json", Collection("identityGovernance/privilegedAccess/group/eligibilityScheduleInstances", string.Join(",\n", groupEligibilities))),
            ("azure/role-definitions.json", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Azure", "estate", "role-definitions.json"))),
            ("azure/role-eligibility-1.json", $$$"""{"value": [{{{AzureEligibility(Priya, Owner, "1")}}}, {{{AzureEligibility(Raj, UserAccessAdministrator, "2")}}}]}"""));
        if (withPolicies)
        {
            string[] directory =
            [
                GraphAssignment("DirectoryRole", "/", GlobalAdministrator, approval: false),
                GraphAssignment("DirectoryRole", "/", PrivilegedRoleAdministrator, approval: true, $"{GraphUserApprover(Kim, "Kim Larsen")}, {GraphGroupApprover(PimApprovers, "PIM Approvers")}"),
                GraphAssignment("DirectoryRole", "/", PrivilegedAuthenticationAdministrator, approval: true, GraphUserApprover(Vic, "Vic Moreau")),
            ];
            string[] group =
            [
                GraphAssignment("Group", Tier0Admins, "member", approval: false, enabledRules: "\"MultiFactorAuthentication\""),
                GraphAssignment("Group", Tier0Admins, "owner", approval: true, GraphGroupApprover(PimApprovers, "PIM Approvers")),
            ];
            folder.Write("entra/role-management-policy-assignments/page-001.json", Collection(GraphContext, string.Join(",\n", directory)));
            folder.Write($"entra/pim-group-policy-assignments/{Tier0Admins}/page-001.json", Collection(GraphContext, string.Join(",\n", group)));
            const string OwnerPolicy = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d01";
            const string AccessPolicy = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d02";
            folder.Write("azure/role-management-policy-assignments-1.json", $$$"""{"value": [{{{ArmAssignment(Subscription, Owner, OwnerPolicy, ArmRules(approval: false))}}}, {{{ArmAssignment(Subscription, UserAccessAdministrator, AccessPolicy, null)}}}]}""");
            folder.Write("azure/role-management-policies-1.json", $$$"""{"value": [{{{ArmPolicy(Subscription, AccessPolicy, ArmRules(approval: true, ArmApprover(PimApprovers, "PIM Approvers", "Group")))}}}]}""");
        }

        return folder;
    }

    private static string RoleEligibility(string principal, string role) =>
        $$$"""{"id": "{{{role}}}_{{{principal}}}", "principalId": "{{{principal}}}", "roleDefinitionId": "{{{role}}}", "directoryScopeId": "/", "appScopeId": null, "startDateTime": "2026-01-05T10:00:00Z", "endDateTime": null, "memberType": "Direct", "roleEligibilityScheduleId": "{{{role}}}_{{{principal}}}_schedule"}""";

    private static string GroupEligibility(string principal, string access) =>
        $$$"""{"id": "{{{Tier0Admins}}}_{{{access}}}_{{{principal}}}", "principalId": "{{{principal}}}", "groupId": "{{{Tier0Admins}}}", "accessId": "{{{access}}}", "memberType": "Direct", "startDateTime": "2026-01-05T10:00:00Z", "endDateTime": null, "eligibilityScheduleId": "{{{Tier0Admins}}}_{{{access}}}_{{{principal}}}_schedule"}""";

    private static string AzureEligibility(string principal, string role, string suffix) =>
        $$$"""
        {"properties": {"scope": "{{{Subscription}}}", "roleDefinitionId": "{{{Subscription}}}/providers/Microsoft.Authorization/roleDefinitions/{{{role}}}", "principalId": "{{{principal}}}", "principalType": "User",
          "status": "Provisioned", "roleEligibilityScheduleId": "{{{Subscription}}}/providers/Microsoft.Authorization/roleEligibilitySchedules/c1e7a4d2-5f8b-4a39-b6e0-8d2c4f7a1e9{{{suffix}}}",
          "startDateTime": "2026-01-05T10:00:00.0000000Z", "endDateTime": null, "memberType": "Direct", "createdOn": "2026-01-05T10:00:03.7170000Z", "condition": null, "conditionVersion": null},
         "name": "d2f8b5e3-6a9c-4b4a-c7f1-9e3d5a8b2f0{{{suffix}}}", "id": "{{{Subscription}}}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/d2f8b5e3-6a9c-4b4a-c7f1-9e3d5a8b2f0{{{suffix}}}",
         "type": "Microsoft.Authorization/roleEligibilityScheduleInstances"}
        """;
}
