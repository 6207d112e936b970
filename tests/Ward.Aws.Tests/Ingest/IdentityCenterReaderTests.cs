using Ward.Aws.Estate;
using Ward.Aws.Ingest;
using Ward.Aws.Tests.Testing;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Tests.Ingest;

/// <summary>
/// identity-center.json: recognised by content, read into the model with each assignment linked to its
/// <c>AWSReservedSSO_…</c> role; malformed entries and dangling ids are reported where they are, and the rest is read.
/// </summary>
public sealed class IdentityCenterReaderTests
{
    private const string Workloads = "210987654322";
    private const string Instance = "arn:aws:sso:::instance/ssoins-0a1b2c3d4e5f6a7b";
    private const string Admin = "arn:aws:sso:::permissionSet/ssoins-0a1b2c3d4e5f6a7b/ps-0a1b2c3d4e5f6a7b";
    private const string Group = "b4e8c1d2-3041-70a5-9b8c-7d6e5f4a3b2c";
    private const string User = "c4f8e1d2-50b1-7055-ab12-1f2e3d4c5b6a";
    private const string ReservedRole = $"arn:aws:iam::{Workloads}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_PlatformAdmin_0f1e2d3c4b5a6978";

    private const string WellFormed = $$$"""
        {
          "Instances": [{"InstanceArn": "{{{Instance}}}", "IdentityStoreId": "d-90670a1b2c", "OwnerAccountId": "210987654321", "Name": "contoso", "CreatedDate": "2024-02-01T10:00:00.000000+00:00", "Status": "ACTIVE"}],
          "PermissionSets": [
            {"InstanceArn": "{{{Instance}}}",
             "PermissionSet": {"Name": "PlatformAdmin", "PermissionSetArn": "{{{Admin}}}", "Description": "Platform team", "CreatedDate": "2024-02-01T10:05:00.000000+00:00", "SessionDuration": "PT1H"},
             "AttachedManagedPolicies": [{"Name": "AdministratorAccess", "Arn": "arn:aws:iam::aws:policy/AdministratorAccess"}],
             "CustomerManagedPolicyReferences": [{"Name": "ContosoGuardrails", "Path": "/security/"}],
             "InlinePolicy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoLeaving\",\"Effect\":\"Deny\",\"Action\":\"organizations:LeaveOrganization\",\"Resource\":\"*\"}]}",
             "PermissionsBoundary": {"CustomerManagedPolicyReference": {"Name": "PlatformBoundary", "Path": "/boundaries/"}} }
          ],
          "AccountAssignments": [{"AccountId": "{{{Workloads}}}", "PermissionSetArn": "{{{Admin}}}", "PrincipalType": "GROUP", "PrincipalId": "{{{Group}}}"}],
          "Users": [{"IdentityStoreId": "d-90670a1b2c", "UserId": "{{{User}}}", "UserName": "ines.ortega", "DisplayName": "Ines Ortega", "Emails": [{"Value": "ines@contoso.example", "Type": "work", "Primary": true}]}],
          "Groups": [{"GroupId": "{{{Group}}}", "DisplayName": "PlatformAdmins", "IdentityStoreId": "d-90670a1b2c"}],
          "GroupMemberships": [{"IdentityStoreId": "d-90670a1b2c", "MembershipId": "e4a8b1c2-d3e4-7f5a-b6c7-d8e9f0a1b2c3", "GroupId": "{{{Group}}}", "MemberId": {"UserId": "{{{User}}}"}}],
          "DelegatedAdministrators": [{"Id": "210987654323", "Name": "contoso-security", "Status": "ACTIVE"}]
        }
        """;

    [Fact]
    public void A_well_formed_export_is_read_whole_and_linked_to_the_reserved_role()
    {
        using var folder = new ScratchFolder(("identity-center.json", WellFormed), ("gaad.json", Gaad(withReservedRole: true)));

        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        Assert.Empty(estate.Diagnostics);
        Assert.Equal(InputKind.IdentityCenter, Assert.Single(estate.Inputs, i => i.Path.EndsWith("identity-center.json", StringComparison.Ordinal)).Kind);
        var identityCenter = estate.IdentityCenter!;
        var instance = Assert.Single(identityCenter.Instances);
        Assert.Equal("arn:aws:identitystore::210987654321:identitystore/d-90670a1b2c", instance.IdentityStoreArn);
        var permissionSet = Assert.Single(identityCenter.PermissionSets);
        Assert.Equal(["arn:aws:iam::aws:policy/AdministratorAccess"], permissionSet.ManagedPolicyArns, StringComparer.Ordinal);
        Assert.Equal(new CustomerManagedPolicyReference("ContosoGuardrails", "/security/"), Assert.Single(permissionSet.CustomerManagedPolicies));
        Assert.Equal("NoLeaving", Assert.Single(permissionSet.InlinePolicy!.Statements).Sid);
        Assert.Equal("/boundaries/PlatformBoundary", permissionSet.PermissionsBoundary);
        Assert.Equal(new GroupMembership("d-90670a1b2c", Group, User), Assert.Single(identityCenter.Memberships));
        Assert.Equal(["210987654323"], identityCenter.DelegatedAdministrators, StringComparer.Ordinal);
        Assert.True(identityCenter.DelegatedAdministratorsExported);
        var (role, assignments) = Assert.Single(identityCenter.AssignmentsByRole);
        Assert.Equal(ReservedRole, role);
        Assert.Equal(Group, Assert.Single(assignments).PrincipalId);
    }

    [Fact]
    public void An_assignment_whose_role_is_missing_from_its_accounts_authorization_details_is_a_located_warning()
    {
        using var folder = new ScratchFolder(("identity-center.json", WellFormed), ("gaad.json", Gaad(withReservedRole: false)));

        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        var diagnostic = Assert.Single(estate.Diagnostics);
        Assert.Equal((IngestDiagnosticCodes.IdentityCenterRoleNotFound, DiagnosticSeverity.Warning, "$.AccountAssignments[0]"), (diagnostic.Code, diagnostic.Severity, diagnostic.Location.JsonPath));
        Assert.EndsWith("identity-center.json", diagnostic.Location.File, StringComparison.Ordinal);
        Assert.Empty(estate.IdentityCenter!.AssignmentsByRole);
    }

    [Fact]
    public void An_export_without_instances_is_recognised_and_holds_none()
    {
        using var folder = new ScratchFolder(("identity-center.json", """{"Instances": []}"""));

        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        Assert.Equal(InputKind.IdentityCenter, Assert.Single(estate.Inputs).Kind);
        Assert.Empty(estate.IdentityCenter!.Instances);
        Assert.False(estate.IdentityCenter.DelegatedAdministratorsExported);
    }

    [Fact]
    public void Malformed_entries_are_reported_at_their_path_and_skipped()
    {
        var estate = AwsEstateLoader.Load([Fixtures.PathOf("identity-center-malformed.json")], TestContext.Current.CancellationToken);

        var found = estate.Diagnostics.Where(d => d.Code != IngestDiagnosticCodes.NothingUsable).Select(d => (d.Code, d.Severity, d.Location.JsonPath)).ToList();
        Assert.Equal(
            [
                (IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Error, "$.AccountAssignments[1].PrincipalType"),
                (IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Error, "$.AccountAssignments[2].AccountId"),
                (IngestDiagnosticCodes.UnknownField, DiagnosticSeverity.Warning, "$.Comment"),
                (IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Error, "$.GroupMemberships[1].MemberId"),
                (IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Error, "$.Instances[1].InstanceArn"),
                (IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Error, "$.PermissionSets[1]"),
                (IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Error, "$.PermissionSets[2].PermissionsBoundary"),
                (IngestDiagnosticCodes.MissingField, DiagnosticSeverity.Error, "$.Users[1]"),
            ],
            found.OrderBy(d => d.JsonPath, StringComparer.Ordinal));
        Assert.All(estate.Diagnostics.Where(d => d.Code != IngestDiagnosticCodes.NothingUsable), d => Assert.NotNull(d.Location.Line));

        var identityCenter = estate.IdentityCenter!;
        Assert.Single(identityCenter.Instances);
        Assert.Equal(["PlatformAdmin", "Auditor"], identityCenter.PermissionSets.Select(p => p.Name), StringComparer.Ordinal);
        Assert.Equal(Group, Assert.Single(identityCenter.Assignments).PrincipalId);
        Assert.Single(identityCenter.Users);
        Assert.Single(identityCenter.Memberships);
    }

    [Fact]
    public void Dangling_ids_are_warnings_and_the_entries_are_kept()
    {
        var estate = AwsEstateLoader.Load([Fixtures.PathOf("identity-center-dangling.json")], TestContext.Current.CancellationToken);

        var dangling = estate.Diagnostics.Where(d => d.Code == IngestDiagnosticCodes.IdentityCenterDanglingReference).ToList();
        Assert.All(dangling, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Equal(
            ["$.AccountAssignments[0].PermissionSetArn", "$.AccountAssignments[1].PrincipalId", "$.GroupMemberships[0].GroupId", "$.GroupMemberships[1].MemberId.UserId"],
            dangling.Select(d => d.Location.JsonPath).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Contains(dangling, d => d.Message.Contains("`11111111-1111-7111-1111-111111111111`", StringComparison.Ordinal));
        Assert.DoesNotContain(estate.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Code != IngestDiagnosticCodes.NothingUsable);
        Assert.Equal(2, estate.IdentityCenter!.Assignments.Length);
        Assert.Equal(2, estate.IdentityCenter.Memberships.Length);
    }

    [Fact]
    public void A_second_export_is_an_error_and_only_the_first_is_used()
    {
        using var folder = new ScratchFolder(("a-identity-center.json", WellFormed), ("b-identity-center.json", """{"Instances": []}"""));

        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        var diagnostic = Assert.Single(estate.Diagnostics, d => d.Code == IngestDiagnosticCodes.IdentityCenterProblem);
        Assert.EndsWith("b-identity-center.json", diagnostic.Location.File, StringComparison.Ordinal);
        Assert.Single(estate.IdentityCenter!.Instances);
    }

    [Theory]
    [InlineData("AWSReservedSSO_PlatformAdmin_0f1e2d3c4b5a6978", "/aws-reserved/sso.amazonaws.com/", true)]
    [InlineData("AWSReservedSSO_PlatformAdmin_0f1e2d3c4b5a6978", "/aws-reserved/sso.amazonaws.com/eu-west-1/", true)]
    [InlineData("AWSReservedSSO_PlatformAdmin_0f1e2d3c4b5a6978", "/", false)]                              // not where Identity Center puts it
    [InlineData("AWSReservedSSO_PlatformAdmin_Extra_0f1e2d3c4b5a6978", "/aws-reserved/sso.amazonaws.com/", false)] // another permission set
    [InlineData("AWSReservedSSO_PlatformAdmin_0F1E2D3C4B5A6978", "/aws-reserved/sso.amazonaws.com/", false)]
    [InlineData("AWSReservedSSO_PlatformAdmin_0f1e2d3c4b5a69", "/aws-reserved/sso.amazonaws.com/", false)]
    public void A_reserved_role_belongs_to_a_permission_set_by_name_path_and_suffix(string name, string path, bool expected)
    {
        var role = new IamRole { Arn = $"arn:aws:iam::{Workloads}:role{path}{name}", Name = name, Account = Workloads, Path = path };

        Assert.Equal(expected, AwsIdentityCenter.IsRoleOf(role, "PlatformAdmin"));
    }

    private static string Gaad(bool withReservedRole) => $$$"""
        {"UserDetailList": [], "GroupDetailList": [], "Policies": [], "RoleDetailList": [
          {"Path": "/", "RoleName": "contoso-ci", "RoleId": "AROA00000000000000001", "Arn": "arn:aws:iam::{{{Workloads}}}:role/contoso-ci", "CreateDate": "2024-02-01T10:00:00Z",
           "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "codebuild.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
           "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [], "Tags": []}{{{(withReservedRole ? "," + ReservedRoleDetail : string.Empty)}}}
        ]}
        """;

    private const string ReservedRoleDetail = $$$"""
        {"Path": "/aws-reserved/sso.amazonaws.com/", "RoleName": "AWSReservedSSO_PlatformAdmin_0f1e2d3c4b5a6978", "RoleId": "AROA00000000000000002", "Arn": "{{{ReservedRole}}}", "CreateDate": "2024-02-01T10:06:00Z",
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::{{{Workloads}}}:saml-provider/AWSSSO_0a1b2c3d4e5f6a7b_DO_NOT_DELETE"}, "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"]}]},
         "InstanceProfileList": [], "RolePolicyList": [{"PolicyName": "AwsSSOInlinePolicy", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}}], "AttachedManagedPolicies": [], "Tags": []}
        """;
}
