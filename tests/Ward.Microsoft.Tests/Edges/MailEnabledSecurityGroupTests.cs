using Ward.Core.Diagnostics;
using Ward.Core.Graph;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.GraphBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>entra-add-group-member</c> and mail-enabled security groups, whose members Microsoft Graph cannot change (they
/// are managed in Exchange Online; Microsoft Graph, "Working with groups"): Finance Mail is one (<c>mailEnabled</c> and
/// <c>securityEnabled</c>, not Unified), Finance an ordinary security group. oscar owns both, gwen is a Groups
/// Administrator, and the application member-writer holds Microsoft Graph GroupMember.ReadWrite.All.
/// </summary>
public sealed class MailEnabledSecurityGroupTests
{
    private const string GroupsAdministrator = "fdd7a751-b60b-444a-984c-02652fe8fa1c";
    private const string GraphServicePrincipal = "5d6e7f8a-9b0c-4d1e-8f2a-3b4c5d6e7f01";
    private const string GroupMemberReadWriteAll = "dbaae8cf-10b5-4b86-a4a1-f871c94c6695";

    private const string Oscar = "5d6e7f8a-9b0c-4d1e-8f2a-3b4c5d6e7f11";
    private const string Gwen = "5d6e7f8a-9b0c-4d1e-8f2a-3b4c5d6e7f12";
    private const string MemberWriter = "5d6e7f8a-9b0c-4d1e-8f2a-3b4c5d6e7f21";
    private const string FinanceMail = "5d6e7f8a-9b0c-4d1e-8f2a-3b4c5d6e7f31";
    private const string Finance = "5d6e7f8a-9b0c-4d1e-8f2a-3b4c5d6e7f32";

    private static readonly Lazy<List<Edge>> Edges = new(() => [.. new AddGroupMemberEdgeChecker().Check(Build(), targets: null)]);

    [Fact]
    public void Neither_a_directory_role_nor_a_Graph_permission_adds_members_to_a_mail_enabled_security_group()
    {
        Assert.DoesNotContain(Edges.Value, e => e.To.Value == FinanceMail && (e.From.Value == Gwen || e.From.Value == MemberWriter));
        Assert.Contains(Edges.Value, e => e.To.Value == Finance && e.From.Value == Gwen);
        Assert.Contains(Edges.Value, e => e.To.Value == Finance && e.From.Value == MemberWriter);
    }

    [Fact]
    public void Its_owner_adds_members_on_the_condition_that_it_does_so_in_Exchange_Online()
    {
        var mail = Assert.Single(Edges.Value, e => e.To.Value == FinanceMail && e.From.Value == Oscar);
        Assert.Contains("managed in Exchange Online", Assert.Single(mail.Requirements), StringComparison.Ordinal);

        Assert.False(Assert.Single(Edges.Value, e => e.To.Value == Finance && e.From.Value == Oscar).IsConditional);
    }

    private static MicrosoftEdgeContext Build()
    {
        using var folder = new ScratchFolder(
            ("users/page-001.json", Collection("users", $"{User(Oscar, "Oscar Owner")},\n{User(Gwen, "Gwen Groups")}")),
            ("groups/page-001.json", Collection("groups",
                $$"""{"id": "{{FinanceMail}}", "displayName": "Finance Mail", "isAssignableToRole": false, "groupTypes": [], "membershipRule": null, "membershipRuleProcessingState": null, "securityEnabled": true, "mailEnabled": true, "onPremisesSyncEnabled": null}""" + $",\n{Group(Finance, "Finance")}")),
            ($"group-members/{FinanceMail}/page-001.json", Collection("directoryObjects", string.Empty)),
            ($"group-members/{Finance}/page-001.json", Collection("directoryObjects", string.Empty)),
            ($"group-owners/{FinanceMail}/page-001.json", Collection("directoryObjects", Member("user", Oscar))),
            ($"group-owners/{Finance}/page-001.json", Collection("directoryObjects", Member("user", Oscar))),
            ("service-principals/page-001.json", Collection("servicePrincipals", string.Join(",\n",
                $$"""{"id": "{{GraphServicePrincipal}}", "appId": "00000003-0000-0000-c000-000000000000", "displayName": "Microsoft Graph", "servicePrincipalType": "Application", "appOwnerOrganizationId": "f8cdef31-a31e-4b4a-93e4-5f571e91255a", "accountEnabled": true, "appRoles": [{"allowedMemberTypes": ["Application"], "description": "GroupMember.ReadWrite.All", "displayName": "GroupMember.ReadWrite.All", "id": "{{GroupMemberReadWriteAll}}", "isEnabled": true, "origin": "Application", "value": "GroupMember.ReadWrite.All"}], "oauth2PermissionScopes": [], "passwordCredentials": [], "keyCredentials": [], "alternativeNames": []}""",
                $$"""{"id": "{{MemberWriter}}", "appId": "a7b9c1d3-4e5f-4a6b-8c7d-8e9f0a1b2c31", "displayName": "member-writer", "servicePrincipalType": "Application", "appOwnerOrganizationId": "4a7c8e1b-2f3d-4b6a-9c8e-1d2f3a4b5c6d", "accountEnabled": true, "appRoles": [], "oauth2PermissionScopes": [], "passwordCredentials": [], "keyCredentials": [], "alternativeNames": []}"""))),
            ($"app-role-assigned-to/{GraphServicePrincipal}/page-001.json", Collection($"servicePrincipals('{GraphServicePrincipal}')/appRoleAssignedTo",
                $$"""{"id": "grant-member-writer", "deletedDateTime": null, "appRoleId": "{{GroupMemberReadWriteAll}}", "createdDateTime": "2025-06-30T12:05:10Z", "principalDisplayName": "member-writer", "principalId": "{{MemberWriter}}", "principalType": "ServicePrincipal", "resourceDisplayName": "Microsoft Graph", "resourceId": "{{GraphServicePrincipal}}"}""")),
            ("role-definitions/page-001.json", Collection("roleManagement/directory/roleDefinitions",
                BuiltInRole(GroupsAdministrator, "Groups Administrator", "microsoft.directory/groups/basic/update", "microsoft.directory/groups/create", "microsoft.directory/groups/delete", "microsoft.directory/groups/dynamicMembershipRule/update", "microsoft.directory/groups/groupType/update", "microsoft.directory/groups/members/update", "microsoft.directory/groups/owners/update", "microsoft.directory/groups/restore", "microsoft.directory/groups/settings/update", "microsoft.directory/groups/visibility/update"))),
            ("role-assignments/page-001.json", Collection("roleManagement/directory/roleAssignments", RoleAssignment(Gwen, GroupsAdministrator))));
        var directory = EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(directory.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return new MicrosoftEdgeContext(directory, AzureEstate.Empty, new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    }
}
