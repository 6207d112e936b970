using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Credentials;

public sealed class ConsoleUserWithoutMfaRuleTests
{
    private const string Rule = "console-user-without-mfa";

    [Fact]
    public void A_password_without_MFA_is_reported_and_its_twins_are_not()
    {
        // Given the same console user three times: without MFA, with MFA, and without MFA but without a password
        var result = new TestEstate().With(
            ReportLine.ConsoleUser("no-mfa") with { Mfa = "false" },
            ReportLine.ConsoleUser("with-mfa"),
            new ReportLine("api-only") { Mfa = "false" }).Scan();

        // Then only the first is reported, with when the password was used and set
        var finding = Assert.Single(result.Of(Rule));
        Assert.EndsWith("user/no-mfa", finding.Principal, StringComparison.Ordinal);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("last used 2026-03-15 (1 day before the reference time), set 2026-01-15 (60 days before the reference time)", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_administrator_without_MFA_is_high()
    {
        var result = new TestEstate().With(ReportLine.ConsoleUser("root-like") with { Mfa = "false", Admin = true }).Scan();

        Assert.Equal(Severity.High, Assert.Single(result.Of(Rule)).Severity);
    }
}
