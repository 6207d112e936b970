using Ward.Analysis;
using Ward.Aws.Ingest;
using Ward.Core.Diagnostics;
using Ward.Core.Model;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>ward-identitystore-group-membership</c>: with identity store permissions only, a principal of an account that
/// administers Identity Center adds a user it controls to a group assigned an administrator permission set and signs
/// in as its role; an explicit deny, a grant on other groups (one assigned a read-only permission set, one assigned
/// nothing), a member account that does not administer Identity Center, or an export without an instance, do not.
/// </summary>
public sealed class IdentityStoreGroupMembershipEdgeTests
{
    private const string Management = "111100002222";
    private const string Workloads = "333300004444";
    private const string Security = "555500006666";
    private const string Instance = "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6";
    private const string Store = "d-9067a1b2c3";
    private const string AdminsGroup = "94482488-3041-7026-18f5-0c1a2b3c4d5e";
    private const string ReadersGroup = "a4e81468-1001-70f0-9c12-56a6aa967ca4";
    private const string UnassignedGroup = "c4f8e1d2-50b1-7055-ab12-1f2e3d4c5b6a";
    private const string AliceUser = "906722b2-4011-70a2-a3b4-5c6d7e8f9a0b";
    private const string AdminRole = $"arn:aws:iam::{Workloads}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_AdministratorAccess_7c1e0b9a3d5f2e84";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    private const string Membership = """{"Effect":"Allow","Action":["identitystore:CreateGroupMembership","identitystore:CreateUser","identitystore:List*","identitystore:Describe*"],"Resource":"*"}""";
    private const string DenyMembership = """{"Effect":"Deny","Action":"identitystore:CreateGroupMembership","Resource":"*"}""";
    private const string NamedAlice = $$"""{"Effect":"Allow","Action":"identitystore:CreateGroupMembership","Resource":["arn:aws:identitystore::{{Management}}:identitystore/{{Store}}","arn:aws:identitystore:::group/*","arn:aws:identitystore:::user/{{AliceUser}}"]}""";

    private static readonly Lazy<ScanResult> Scan = new(() => ScanWith(Export(withInstance: true)));

    private static string OnGroup(string group) => $$"""{"Effect":"Allow","Action":"identitystore:CreateGroupMembership","Resource":["arn:aws:identitystore::{{Management}}:identitystore/{{Store}}","arn:aws:identitystore:::group/{{group}}","arn:aws:identitystore:::user/*"]}""";

    private static ScanResult ScanWith(string identityCenter)
    {
        var folder = Directory.CreateTempSubdirectory("ward-idstore-").FullName;
        foreach (var account in new[] { Management, Workloads, Security })
        {
            Directory.CreateDirectory(Path.Combine(folder, account));
        }

        File.WriteAllText(Path.Combine(folder, Management, "gaad.json"), Gaad(Management, [
            ("idc-helpdesk", Membership),
            ("idc-helpdesk-denied", Membership + "," + DenyMembership),
            ("idc-readers-only", OnGroup(ReadersGroup)),
            ("idc-unassigned-only", OnGroup(UnassignedGroup)),
            ("idc-alice-only", NamedAlice)]));
        File.WriteAllText(Path.Combine(folder, Security, "gaad.json"), Gaad(Security, [("delegated-helpdesk", Membership)]));
        File.WriteAllText(Path.Combine(folder, Workloads, "gaad.json"), Gaad(Workloads, [("member-helpdesk", Membership)], ReservedRoles));
        File.WriteAllText(Path.Combine(folder, "organization.json"), Organization());
        File.WriteAllText(Path.Combine(folder, "identity-center.json"), identityCenter);
        return Scanner.Scan(AwsEstateLoader.Load([folder]), AsOf);
    }

    [Fact]
    public void The_estate_loads_without_errors_or_warnings()
    {
        Assert.Empty(Scan.Value.Estate.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info).Select(d => d.ToString()));
        Assert.True(Scan.Value.Graph.Graph.Nodes[new PrincipalId(AdminRole)].IsAdmin);
    }

    [Fact]
    public void A_principal_with_identity_store_permissions_alone_reaches_the_administrator_permission_set()
    {
        var finding = Assert.Single(Scan.Value.Findings, f => f.RuleId == "privilege-escalation" && f.Principal.EndsWith(":user/idc-helpdesk", StringComparison.Ordinal));
        var step = Assert.Single(finding.Path);

        Assert.Equal("ward-identitystore-group-membership", step.Technique);
        Assert.Equal(AdminRole, step.To);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal(
            [
                ("identitystore:CreateGroupMembership", $"arn:aws:identitystore::{Management}:identitystore/{Store}"),
                ("identitystore:CreateGroupMembership", $"arn:aws:identitystore:::group/{AdminsGroup}"),
                ("identitystore:CreateGroupMembership", "arn:aws:identitystore:::user/*"),
                ("identitystore:CreateUser", $"arn:aws:identitystore::{Management}:identitystore/{Store}"),
            ],
            step.Permissions.Select(p => (p.Action, p.Resource)));
        Assert.Contains(step.Requirements, r => r.Contains("identitystore:CreateUser is allowed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_grant_naming_one_user_needs_that_user_and_not_a_new_one()
    {
        var edge = Assert.Single(Scan.Value.Graph.Graph.Edges, e => e.Technique == "ward-identitystore-group-membership" && e.From.Value.EndsWith(":user/idc-alice-only", StringComparison.Ordinal));

        Assert.Equal(AdminRole, edge.To.Value);
        Assert.Contains(edge.Permissions, p => p.Resource == $"arn:aws:identitystore:::user/{AliceUser}");
        Assert.DoesNotContain(edge.Permissions, p => p.Action == "identitystore:CreateUser");
        Assert.Contains(edge.Requirements, r => r.Contains($"it controls Identity Center user alice ({AliceUser})", StringComparison.Ordinal));
    }

    [Fact]
    public void A_delegated_administrator_account_administers_the_identity_store_too()
    {
        var edge = Assert.Single(Scan.Value.Graph.Graph.Edges, e => e.Technique == "ward-identitystore-group-membership" && e.From.Value.EndsWith(":user/delegated-helpdesk", StringComparison.Ordinal));

        Assert.Equal(AdminRole, edge.To.Value);
        Assert.Equal($"arn:aws:iam::{Security}:user/delegated-helpdesk", edge.From.Value);
    }

    [Theory]
    [InlineData("idc-helpdesk-denied")]   // an explicit deny of identitystore:CreateGroupMembership
    [InlineData("idc-readers-only")]      // only a group assigned a read-only permission set
    [InlineData("idc-unassigned-only")]   // only a group assigned nothing
    [InlineData("member-helpdesk")]       // a member account that does not administer Identity Center
    public void Without_the_membership_on_an_administrator_group_or_outside_an_administering_account_there_is_no_such_edge(string user)
    {
        Assert.DoesNotContain(Scan.Value.Graph.Graph.Edges, e => e.Technique == "ward-identitystore-group-membership" && e.From.Value.EndsWith($":user/{user}", StringComparison.Ordinal));
        Assert.DoesNotContain(Scan.Value.Findings, f => f.RuleId == "privilege-escalation" && f.Principal.EndsWith($":user/{user}", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_an_instance_in_the_export_there_is_no_such_edge()
    {
        var scan = ScanWith(Export(withInstance: false));

        Assert.DoesNotContain(scan.Graph.Graph.Edges, e => e.Technique == "ward-identitystore-group-membership");
    }

    private const string ReservedRoles = $$$"""
        {"Path": "/aws-reserved/sso.amazonaws.com/eu-west-1/", "RoleName": "AWSReservedSSO_AdministratorAccess_7c1e0b9a3d5f2e84", "RoleId": "AROAGCT6DNVURB4HJDWEH",
         "Arn": "{{{AdminRole}}}", "CreateDate": "2023-04-03T07:12:30+00:00",
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::{{{Workloads}}}:saml-provider/AWSSSO_5d2b8e1f4a7c9036_DO_NOT_DELETE"}, "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"], "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}} }]},
         "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [{"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}], "Tags": [], "RoleLastUsed": {}},
        {"Path": "/aws-reserved/sso.amazonaws.com/eu-west-1/", "RoleName": "AWSReservedSSO_ReadOnlyAccess_2b9d4f6a8c1e3057", "RoleId": "AROA2NNCEU5DJ756IPVXR",
         "Arn": "arn:aws:iam::{{{Workloads}}}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_ReadOnlyAccess_2b9d4f6a8c1e3057", "CreateDate": "2023-04-03T07:12:31+00:00",
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::{{{Workloads}}}:saml-provider/AWSSSO_5d2b8e1f4a7c9036_DO_NOT_DELETE"}, "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"], "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}} }]},
         "InstanceProfileList": [], "RolePolicyList": [{"PolicyName": "AwsSSOInlinePolicy", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*"}]}}], "AttachedManagedPolicies": [], "Tags": [], "RoleLastUsed": {}}
        """;

    private const string AdministratorAccess = """
        {"PolicyName": "AdministratorAccess", "PolicyId": "ANPAIWMBCKSKIEE64ZLYK", "Arn": "arn:aws:iam::aws:policy/AdministratorAccess", "Path": "/", "DefaultVersionId": "v1",
         "AttachmentCount": 1, "PermissionsBoundaryUsageCount": 0, "IsAttachable": true, "CreateDate": "2015-02-06T18:39:46+00:00", "UpdateDate": "2015-02-06T18:39:46+00:00",
         "PolicyVersionList": [{"Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}, "VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2015-02-06T18:39:46+00:00"}]}
        """;

    private static string Gaad(string account, (string Name, string Statements)[] users, string roles = "") => $$"""
        {"UserDetailList": [{{string.Join(",", users.Select(u => GaadJson.User(account, u.Name, u.Statements, "identity-store")))}}], "GroupDetailList": [], "RoleDetailList": [{{roles}}],
         "Policies": [{{(roles.Length == 0 ? string.Empty : AdministratorAccess)}}]}
        """;

    /// <summary>identity-center.json as the export script writes it; without an instance, as from an organization that never enabled Identity Center.</summary>
    private static string Export(bool withInstance) => !withInstance ? """{"Instances": [], "PermissionSets": [], "AccountAssignments": [], "Users": [], "Groups": [], "GroupMemberships": []}""" : $$$"""
        {
          "Instances": [{"InstanceArn": "{{{Instance}}}", "IdentityStoreId": "{{{Store}}}", "OwnerAccountId": "{{{Management}}}", "Name": "northwind", "CreatedDate": "2023-04-03T07:10:12.412000+00:00", "Status": "ACTIVE"}],
          "PermissionSets": [
            {"InstanceArn": "{{{Instance}}}",
             "PermissionSet": {"Name": "AdministratorAccess", "PermissionSetArn": "arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-1a2b3c4d5e6f7a8b", "CreatedDate": "2023-04-03T07:12:01.311000+00:00", "SessionDuration": "PT1H"},
             "AttachedManagedPolicies": [{"Name": "AdministratorAccess", "Arn": "arn:aws:iam::aws:policy/AdministratorAccess"}],
             "CustomerManagedPolicyReferences": [], "InlinePolicy": "", "PermissionsBoundary": null},
            {"InstanceArn": "{{{Instance}}}",
             "PermissionSet": {"Name": "ReadOnlyAccess", "PermissionSetArn": "arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-2b3c4d5e6f7a8b9c", "CreatedDate": "2023-04-03T07:12:02.907000+00:00", "SessionDuration": "PT8H"},
             "AttachedManagedPolicies": [],
             "CustomerManagedPolicyReferences": [],
             "InlinePolicy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:Get*\",\"s3:List*\"],\"Resource\":\"*\"}]}",
             "PermissionsBoundary": null}
          ],
          "AccountAssignments": [
            {"AccountId": "{{{Workloads}}}", "PermissionSetArn": "arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-1a2b3c4d5e6f7a8b", "PrincipalType": "GROUP", "PrincipalId": "{{{AdminsGroup}}}"},
            {"AccountId": "{{{Workloads}}}", "PermissionSetArn": "arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-2b3c4d5e6f7a8b9c", "PrincipalType": "GROUP", "PrincipalId": "{{{ReadersGroup}}}"},
            {"AccountId": "{{{Workloads}}}", "PermissionSetArn": "arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-2b3c4d5e6f7a8b9c", "PrincipalType": "USER", "PrincipalId": "{{{AliceUser}}}"}
          ],
          "Users": [
            {"IdentityStoreId": "{{{Store}}}", "UserId": "{{{AliceUser}}}", "UserName": "alice", "Name": {"FamilyName": "Moreau", "GivenName": "Alice"}, "DisplayName": "Alice Moreau",
             "Emails": [{"Value": "alice@northwind-traders.example", "Type": "work", "Primary": true}]}
          ],
          "Groups": [
            {"GroupId": "{{{AdminsGroup}}}", "DisplayName": "Administrators", "Description": "Break-glass administrators", "IdentityStoreId": "{{{Store}}}"},
            {"GroupId": "{{{ReadersGroup}}}", "DisplayName": "Readers", "IdentityStoreId": "{{{Store}}}"},
            {"GroupId": "{{{UnassignedGroup}}}", "DisplayName": "Contractors", "IdentityStoreId": "{{{Store}}}"}
          ],
          "GroupMemberships": [
            {"IdentityStoreId": "{{{Store}}}", "MembershipId": "f4e8a1b2-c3d4-7e5f-a6b7-c8d9e0f1a2b3", "GroupId": "{{{ReadersGroup}}}", "MemberId": {"UserId": "{{{AliceUser}}}"}}
          ],
          "DelegatedAdministrators": [
            {"Id": "{{{Security}}}", "Arn": "arn:aws:organizations::{{{Management}}}:account/o-idstore01/{{{Security}}}", "Email": "aws-security@northwind-traders.example", "Name": "security",
             "Status": "ACTIVE", "JoinedMethod": "CREATED", "JoinedTimestamp": "2023-01-10T09:00:00+00:00", "DelegationEnabledDate": "2023-04-05T10:00:00+00:00"}
          ]
        }
        """;

    private static string Organization() => $$"""
        {
          "Organization": {"Id": "o-idstore01", "Arn": "arn:aws:organizations::{{Management}}:organization/o-idstore01", "FeatureSet": "ALL", "MasterAccountId": "{{Management}}"},
          "Roots": [{"Id": "r-ids1", "Name": "Root", "PolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]}],
          "OrganizationalUnits": [],
          "Accounts": [
            {"Id": "{{Management}}", "Name": "management", "Status": "ACTIVE", "ParentId": "r-ids1"},
            {"Id": "{{Workloads}}", "Name": "workloads", "Status": "ACTIVE", "ParentId": "r-ids1"},
            {"Id": "{{Security}}", "Name": "security", "Status": "ACTIVE", "ParentId": "r-ids1"}
          ],
          "Policies": [
            {"PolicySummary": {"Id": "p-FullAWSAccess", "Name": "FullAWSAccess", "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": true},
             "Content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
             "Targets": [{"TargetId": "r-ids1", "Type": "ROOT"}, {"TargetId": "{{Management}}", "Type": "ACCOUNT"}, {"TargetId": "{{Workloads}}", "Type": "ACCOUNT"}, {"TargetId": "{{Security}}", "Type": "ACCOUNT"}]}
          ]
        }
        """;
}
