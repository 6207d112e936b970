using static Ward.Cli.Tests.Rules.GcpFindingsScan;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>gcp-workload-identity-aws-provider-unrestricted</c> on the Contoso export, whose project ct-ops has one AWS
/// provider per pool, all trusting AWS account 210987654321: reported when neither the condition nor the bindings
/// narrow the callers to an AWS role.
/// </summary>
public sealed class GcpWorkloadIdentityAwsProviderUnrestrictedRuleTests
{
    private const string Rule = "gcp-workload-identity-aws-provider-unrestricted";

    [Fact]
    public void A_provider_without_condition_and_a_whole_pool_grant_is_reported()
    {
        // Given aws-open: no condition, no mapping (Google's default maps attribute.aws_role), the whole pool reads ct-data's objects
        var finding = Single(Rule, Provider("aws-open"));

        Assert.Equal("medium", finding.Text("severity"));
        Assert.Equal("projects/ct-ops", finding.Text("account"));
        Assert.Contains("has no attribute condition", finding.Text("explanation"), StringComparison.Ordinal);
        Assert.Contains("`roles/storage.objectViewer` on `projects/ct-data` (to `principalSet://iam.googleapis.com/projects/960000000003/locations/global/workloadIdentityPools/aws-open/*`)", finding.Text("explanation"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_on_the_account_alone_restricts_nothing_and_impersonation_is_high()
    {
        // Given aws-admin: `assertion.account == '210987654321'`, and the whole pool is Workload Identity User of worker@ct-app
        var finding = Single(Rule, Provider("aws-admin"));

        Assert.Equal("high", finding.Text("severity"));
        Assert.Contains("does not look at the caller's ARN (`assertion.arn`, `attribute.aws_role`, `google.subject`)", finding.Text("explanation"), StringComparison.Ordinal);
        Assert.Contains("`roles/iam.workloadIdentityUser` can change access or act as a service account", finding.Text("explanation"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_set_by_an_attribute_not_mapped_from_the_ARN_is_not_one_role()
    {
        // Given aws-subject: attribute.account maps assertion.account; the set of the account is granted, and so is one session's subject
        var finding = Single(Rule, Provider("aws-subject"));

        Assert.Contains("aws-subject/attribute.account/210987654321", finding.Text("explanation"), StringComparison.Ordinal);
        Assert.Contains("1 other binding(s) name one AWS role", finding.Text("explanation"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aws-narrow")]     // granted only to attribute.aws_role/…/assumed-role/etl
    [InlineData("aws-pinned")]     // a condition on attribute.aws_role
    [InlineData("aws-disabled")]   // a disabled provider accepts nothing
    [InlineData("aws-unbound")]    // nothing granted to the pool
    public void Providers_narrowed_to_a_role_disabled_or_unused_are_not_reported(string pool) =>
        Assert.DoesNotContain(Of(Rule), f => f.Text("principal") == Provider(pool));

    [Fact]
    public void A_condition_indexing_the_ARN_restricts_and_one_indexing_the_account_does_not()
    {
        // Given two more providers of aws-open (the whole pool reads ct-data's objects), conditions written as map indexes
        var findings = ScannedCopy.Findings(Folder, AsOf, folder => File.WriteAllText(Path.Combine(folder, "workload-identity", "ct-ops-indexed.json"), """
            [
              {
                "attributeCondition": "assertion['arn'].startsWith('arn:aws:sts::210987654321:assumed-role/ci/')",
                "aws": {"accountId": "210987654321"},
                "displayName": "by-arn",
                "name": "projects/960000000003/locations/global/workloadIdentityPools/aws-open/providers/by-arn",
                "state": "ACTIVE"
              },
              {
                "attributeCondition": "assertion[\"account\"] == '210987654321'",
                "aws": {"accountId": "210987654321"},
                "displayName": "by-account",
                "name": "projects/960000000003/locations/global/workloadIdentityPools/aws-open/providers/by-account",
                "state": "ACTIVE"
              }
            ]
            """));

        // Then assertion['arn'] is assertion.arn: only the callers of the ci role get in; the account alone still lets every caller in
        Assert.DoesNotContain(Of(Rule, findings), f => f.Text("principal").EndsWith("/aws-open/providers/by-arn", StringComparison.Ordinal));
        Assert.Contains("does not look at the caller's ARN", Assert.Single(Of(Rule, findings), f => f.Text("principal").EndsWith("/aws-open/providers/by-account", StringComparison.Ordinal)).Text("explanation"), StringComparison.Ordinal);
    }

    private static string Provider(string pool) => $"//iam.googleapis.com/projects/960000000003/locations/global/workloadIdentityPools/{pool}/providers/contoso-prod";
}
