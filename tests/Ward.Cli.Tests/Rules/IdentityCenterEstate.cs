using Ward.Analysis;
using Ward.Aws.Ingest;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// An organization with IAM Identity Center, as the export script writes it: a management account that owns the
/// instance, a security account that is its delegated administrator and a workloads account where the
/// Administrators group (bob) holds AdministratorAccess and alice holds ReadOnlyAccess.
/// </summary>
internal static class IdentityCenterEstate
{
    public const string Management = "111100002222";
    public const string Workloads = "333300004444";
    public const string Security = "555500006666";
    public const string Instance = "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6";
    public const string Store = "d-9067a1b2c3";
    public const string AdminsGroup = "94482488-3041-7026-18f5-0c1a2b3c4d5e";
    public const string ReadersGroup = "a4e81468-1001-70f0-9c12-56a6aa967ca4";
    public const string UnassignedGroup = "c4f8e1d2-50b1-7055-ab12-1f2e3d4c5b6a";
    public const string AliceUser = "906722b2-4011-70a2-a3b4-5c6d7e8f9a0b";
    public const string BobUser = "e6a2c4b8-9011-70d3-b5c7-d9e1f3a5b7c9";
    public const string AdminRole = $"arn:aws:iam::{Workloads}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_AdministratorAccess_7c1e0b9a3d5f2e84";

    /// <summary>Scans the organization with the identity center export and, per account, users of one inline policy each.</summary>
    public static ScanResult ScanWith(string identityCenter, DateTimeOffset asOf, (string Name, string Statements)[] management, (string Name, string Statements)[] security, (string Name, string Statements)[] workloads)
    {
        var folder = Directory.CreateTempSubdirectory("ward-idstore-").FullName;
        foreach (var account in new[] { Management, Workloads, Security })
        {
            Directory.CreateDirectory(Path.Combine(folder, account));
        }

        File.WriteAllText(Path.Combine(folder, Management, "gaad.json"), Gaad(Management, management));
        File.WriteAllText(Path.Combine(folder, Security, "gaad.json"), Gaad(Security, security));
        File.WriteAllText(Path.Combine(folder, Workloads, "gaad.json"), Gaad(Workloads, workloads, ReservedRoles));
        File.WriteAllText(Path.Combine(folder, "organization.json"), Organization());
        File.WriteAllText(Path.Combine(folder, "identity-center.json"), identityCenter);
        return Scanner.Scan(AwsEstateLoader.Load([folder]), asOf);
    }

    public const string ReservedRoles = $$$"""
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

    public static string Gaad(string account, (string Name, string Statements)[] users, string roles = "") => $$"""
        {"UserDetailList": [{{string.Join(",", users.Select(u => GaadJson.User(account, u.Name, u.Statements, "identity-store")))}}], "GroupDetailList": [], "RoleDetailList": [{{roles}}],
         "Policies": [{{(roles.Length == 0 ? string.Empty : AdministratorAccess)}}]}
        """;

    /// <summary>identity-center.json as the export script writes it; without an instance, as from an organization that never enabled Identity Center.</summary>
    public static string Export(bool withInstance) => !withInstance ? """{"Instances": [], "PermissionSets": [], "AccountAssignments": [], "Users": [], "Groups": [], "GroupMemberships": []}""" : $$$"""
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
             "Emails": [{"Value": "alice@northwind-traders.example", "Type": "work", "Primary": true}]},
            {"IdentityStoreId": "{{{Store}}}", "UserId": "{{{BobUser}}}", "UserName": "bob", "Name": {"FamilyName": "Okafor", "GivenName": "Bob"}, "DisplayName": "Bob Okafor",
             "Emails": [{"Value": "bob@northwind-traders.example", "Type": "work", "Primary": true}]}
          ],
          "Groups": [
            {"GroupId": "{{{AdminsGroup}}}", "DisplayName": "Administrators", "Description": "Break-glass administrators", "IdentityStoreId": "{{{Store}}}"},
            {"GroupId": "{{{ReadersGroup}}}", "DisplayName": "Readers", "IdentityStoreId": "{{{Store}}}"},
            {"GroupId": "{{{UnassignedGroup}}}", "DisplayName": "Contractors", "IdentityStoreId": "{{{Store}}}"}
          ],
          "GroupMemberships": [
            {"IdentityStoreId": "{{{Store}}}", "MembershipId": "f4e8a1b2-c3d4-7e5f-a6b7-c8d9e0f1a2b3", "GroupId": "{{{ReadersGroup}}}", "MemberId": {"UserId": "{{{AliceUser}}}"}},
            {"IdentityStoreId": "{{{Store}}}", "MembershipId": "0a1b2c3d-4e5f-7a6b-8c9d-0e1f2a3b4c5d", "GroupId": "{{{AdminsGroup}}}", "MemberId": {"UserId": "{{{BobUser}}}"}}
          ],
          "DelegatedAdministrators": [
            {"Id": "{{{Security}}}", "Arn": "arn:aws:organizations::{{{Management}}}:account/o-idstore01/{{{Security}}}", "Email": "aws-security@northwind-traders.example", "Name": "security",
             "Status": "ACTIVE", "JoinedMethod": "CREATED", "JoinedTimestamp": "2023-01-10T09:00:00+00:00", "DelegationEnabledDate": "2023-04-05T10:00:00+00:00"}
          ]
        }
        """;

    public static string Organization() => $$"""
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
