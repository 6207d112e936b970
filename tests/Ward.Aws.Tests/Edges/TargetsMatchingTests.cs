using Ward.Aws.Edges;
using Ward.Aws.Ingest;
using Ward.Aws.Tests.Testing;

namespace Ward.Aws.Tests.Edges;

/// <summary>
/// The targets a principal's resource patterns can name are looked up account by account when a pattern names one:
/// the accounts of an organization repeat the same names, and a pattern must reach its own account's only.
/// </summary>
public sealed class TargetsMatchingTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    private const string First = "123456789012";
    private const string Second = "210987654321";

    [Fact]
    public void A_pattern_naming_an_account_reaches_its_roles_only_and_a_wildcard_account_reaches_every_account()
    {
        // Given two accounts with the same role names; the first's deployer may pass its own app roles, the second's
        // may pass app roles of any account
        using var folder = new ScratchFolder(
            ("first.json", SharedDecisionTests.Gaad(PassRoleOn($"arn:aws:iam::{First}:role/app-*"))),
            ("second.json", SharedDecisionTests.Gaad(PassRoleOn("arn:aws:iam::*:role/app-*")).Replace(First, Second, StringComparison.Ordinal)));
        var context = new AwsEdgeContext(AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken), AsOf);
        var firstDeployer = context.Principals.Single(p => p.Value == $"arn:aws:iam::{First}:user/deployer");
        var secondDeployer = context.Principals.Single(p => p.Value == $"arn:aws:iam::{Second}:user/deployer");

        // When each asks which roles its iam:PassRole patterns can name
        var firstTargets = context.TargetsMatching(firstDeployer, "iam:PassRole");
        var secondTargets = context.TargetsMatching(secondDeployer, "iam:PassRole");

        // Then the first reaches its own account's app roles, the second both accounts'; break-glass roles neither
        Assert.Equal([$"arn:aws:iam::{First}:role/app-a", $"arn:aws:iam::{First}:role/app-b"], firstTargets!.Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Equal(
            [$"arn:aws:iam::{First}:role/app-a", $"arn:aws:iam::{First}:role/app-b", $"arn:aws:iam::{Second}:role/app-a", $"arn:aws:iam::{Second}:role/app-b"],
            secondTargets!.Order(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    private static string PassRoleOn(string resource) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"{{resource}}"}]}""";
}
