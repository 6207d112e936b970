using System.Text.Json;

namespace Ward.Cli.Tests;

/// <summary>End-to-end questions on the bundled Northwind sample (samples/aws/README.md lists its risks and traps).</summary>
public sealed class SampleEstateTests
{
    private const string OpsAutomationRole = "arn:aws:iam::444455556666:role/nw-ops-automation";

    private static readonly HashSet<string?> ListedDecisions = new(StringComparer.Ordinal) { "Allowed", "Conditional", "Indeterminate" };

    [Theory]
    [InlineData("can", "bob.martin", "s3:GetObjekt", "arn:aws:s3:::northwind-data/report.csv", "`s3:GetObjekt` matches no AWS action Ward knows: a misspelling?")]
    [InlineData("who-can", "s3:GetObjekt", "arn:aws:s3:::northwind-data/report.csv", null, "`s3:GetObjekt` matches no AWS action Ward knows: a misspelling?")]
    [InlineData("can", "bob.martin", "s4:GetObject", "*", "(no service has the prefix `s4`)")]
    public void An_action_the_catalog_does_not_know_is_warned_about(string command, string first, string second, string? third, string warning)
    {
        string[] arguments = third is null ? [command, "-i", Repository.Samples, first, second] : [command, "-i", Repository.Samples, first, second, third];
        var (_, output) = WardRunner.Run(arguments);

        Assert.Contains(warning, output.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_action_draws_no_warning()
    {
        var (_, output) = WardRunner.Run("can", "-i", Repository.Samples, "bob.martin", "s3:GetObject", "arn:aws:s3:::northwind-data/report.csv");

        Assert.DoesNotContain("matches no AWS action", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Passing_a_role_is_conditional_on_the_service_it_is_passed_to()
    {
        // Given bob.martin, whose group may pass Northwind roles only to Lambda
        // When we ask without saying which service the role is passed to
        var (exitCode, output) = WardRunner.Run("can", "-i", Repository.Samples, "bob.martin", "iam:PassRole", OpsAutomationRole, "--format", "json");

        // Then the answer is conditional on iam:PassedToService, not guessed
        Assert.Equal(0, exitCode);
        var result = JsonDocument.Parse(output).RootElement.GetProperty("result");
        Assert.Equal("Conditional", result.GetProperty("decision").GetString());
        Assert.Contains(result.GetProperty("requirements").EnumerateArray(), r => r.GetString()!.Contains("iam:PassedToService", StringComparison.Ordinal));
    }

    [Fact]
    public void Giving_the_context_key_decides_the_conditional_answer()
    {
        // Given the same question, with the service named
        var (_, allowed) = WardRunner.Run("can", "-i", Repository.Samples, "bob.martin", "iam:PassRole", OpsAutomationRole, "-c", "iam:PassedToService=lambda.amazonaws.com", "--format", "json");
        var (_, denied) = WardRunner.Run("can", "-i", Repository.Samples, "bob.martin", "iam:PassRole", OpsAutomationRole, "-c", "iam:PassedToService=ec2.amazonaws.com", "--format", "json");

        // Then Lambda is allowed and EC2 is not
        Assert.Equal("Allowed", Decision(allowed));
        Assert.Equal("ImplicitDeny", Decision(denied));
    }

    [Fact]
    public void A_deny_all_policy_beats_everything_the_group_grants()
    {
        // Given frank.oconnor, offboarded with an explicit deny-all
        var (_, output) = WardRunner.Run("can", "-i", Repository.Samples, "frank.oconnor", "s3:GetObject", "arn:aws:s3:::northwind-reports/q3.csv", "--format", "json");

        // Then every request is explicitly denied, and the identity layer is the decisive one
        Assert.Equal("ExplicitDeny", Decision(output));
        var layers = JsonDocument.Parse(output).RootElement.GetProperty("result").GetProperty("layers").EnumerateArray();
        Assert.Contains(layers, l => l.GetProperty("decisive").GetBoolean() && l.GetProperty("outcome").GetString() == "Denies");
    }

    [Fact]
    public void Who_can_lists_only_principals_that_are_allowed_or_conditional()
    {
        // When we ask who can pass the ops automation role
        var (exitCode, output) = WardRunner.Run("who-can", "-i", Repository.Samples, "iam:PassRole", OpsAutomationRole, "--format", "json");

        // Then every listed principal is allowed or conditionally allowed, and bob is among them
        Assert.Equal(0, exitCode);
        var principals = JsonDocument.Parse(output).RootElement.GetProperty("principals").EnumerateArray().ToList();
        Assert.NotEmpty(principals);
        Assert.All(principals, p => Assert.Contains(p.GetProperty("result").GetProperty("decision").GetString(), ListedDecisions));
        Assert.Contains(principals, p => p.GetProperty("principal").GetString()!.EndsWith("user/bob.martin", StringComparison.Ordinal));
        Assert.DoesNotContain(principals, p => p.GetProperty("principal").GetString()!.EndsWith("user/frank.oconnor", StringComparison.Ordinal));
    }

    [Fact]
    public void What_can_counts_an_administrators_actions_across_services()
    {
        // Given the break-glass administrator of the management account
        var (exitCode, output) = WardRunner.Run("what-can", "-i", Repository.Samples, "breakglass-admin", "--service", "iam", "--format", "json");

        // Then IAM permissions management actions are among its effective permissions
        Assert.Equal(0, exitCode);
        var services = JsonDocument.Parse(output).RootElement.GetProperty("services").EnumerateArray().ToList();
        var iam = Assert.Single(services);
        Assert.True(iam.GetProperty("actionsByAccessLevel").GetProperty("Permissions management").GetInt32() > 20);
    }

    [Fact]
    public void A_missing_input_is_a_usage_error()
    {
        var (exitCode, _) = WardRunner.Run("can", "-i", Path.Combine(Repository.Root, "no-such-folder"), "alice", "s3:GetObject");

        Assert.Equal(2, exitCode);
    }

    [Fact]
    public void An_unknown_principal_is_a_usage_error_that_names_it()
    {
        var (exitCode, output) = WardRunner.Run("can", "-i", Repository.Samples, "nobody-by-that-name", "s3:GetObject");

        Assert.Equal(2, exitCode);
        Assert.Contains("nobody-by-that-name", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_action_is_rejected_before_anything_is_loaded()
    {
        var (exitCode, output) = WardRunner.Run("can", "-i", Repository.Samples, "alice", "GetObject");

        Assert.Equal(2, exitCode);
        Assert.Contains("service:Action", output, StringComparison.Ordinal);
    }

    private static string? Decision(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("result").GetProperty("decision").GetString();
}
