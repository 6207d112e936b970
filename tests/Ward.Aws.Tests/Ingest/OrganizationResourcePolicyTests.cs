using Ward.Aws.Ingest;
using Ward.Aws.Tests.Testing;

namespace Ward.Aws.Tests.Ingest;

/// <summary>The organization export's optional `ResourcePolicy` (delegated administration): left out, null, read, or malformed.</summary>
public sealed class OrganizationResourcePolicyTests
{
    private const string Delegation = """
        {"ResourcePolicySummary": {"Id": "rp-a1b2c3d4", "Arn": "arn:aws:organizations::111122223333:resourcepolicy/o-a1b2c3d4e5/rp-a1b2c3d4"},
         "Content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DelegateScps\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},\"Action\":[\"organizations:UpdatePolicy\",\"organizations:DescribePolicy\"],\"Resource\":\"*\"}]}"}
        """;

    [Fact]
    public void Left_out_means_not_exported()
    {
        var organization = Load(resourcePolicy: null).Organization!;

        Assert.False(organization.ResourcePolicyExported);
        Assert.Null(organization.ResourcePolicy);
    }

    [Fact]
    public void Null_means_the_organization_has_none()
    {
        var organization = Load("null").Organization!;

        Assert.True(organization.ResourcePolicyExported);
        Assert.Null(organization.ResourcePolicy);
    }

    [Fact]
    public void The_describe_resource_policy_object_is_read_as_a_resource_policy()
    {
        var estate = Load(Delegation);

        Assert.Empty(estate.Diagnostics);
        var statement = Assert.Single(estate.Organization!.ResourcePolicy!.Statements);
        Assert.Equal("DelegateScps", statement.Sid);
        Assert.True(estate.Organization.ResourcePolicyExported);
    }

    [Fact]
    public void Another_shape_is_an_error_at_its_path_and_leaves_delegation_unknown()
    {
        var estate = Load("\"rp-a1b2c3d4\"");

        var diagnostic = Assert.Single(estate.Diagnostics, d => d.Code == IngestDiagnosticCodes.OrganizationProblem);
        Assert.Equal("$.ResourcePolicy", diagnostic.Location.JsonPath);
        Assert.NotNull(diagnostic.Location.Line);
        Assert.False(estate.Organization!.ResourcePolicyExported);
    }

    private static Estate.AwsEstate Load(string? resourcePolicy)
    {
        using var folder = new ScratchFolder(("organization.json", $$"""
            {
              "Organization": {"Id": "o-a1b2c3d4e5", "Arn": "arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5", "FeatureSet": "ALL", "MasterAccountId": "111122223333"},
              "Roots": [{"Id": "r-a1b2", "Name": "Root", "PolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]}],
              "OrganizationalUnits": [],
              "Accounts": [
                {"Id": "111122223333", "Name": "management", "Status": "ACTIVE", "ParentId": "r-a1b2"},
                {"Id": "444455556666", "Name": "security", "Status": "ACTIVE", "ParentId": "r-a1b2"}
              ],
              "Policies": [
                {"PolicySummary": {"Id": "p-FullAWSAccess", "Name": "FullAWSAccess", "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": true},
                 "Content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
                 "Targets": [{"TargetId": "r-a1b2", "Type": "ROOT"}]}
              ]{{(resourcePolicy is null ? string.Empty : ",\n  \"ResourcePolicy\": " + resourcePolicy)}}
            }
            """));
        return AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
    }
}
