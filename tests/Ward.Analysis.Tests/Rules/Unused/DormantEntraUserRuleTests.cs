using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Unused;

public sealed class DormantEntraUserRuleTests
{
    private const string Rule = "dormant-entra-user";

    [Fact]
    public void A_user_who_last_signed_in_long_ago_is_dormant_and_one_who_signed_in_last_month_is_not()
    {
        // Given two users without roles: one last signed in 120 days ago, one 30 days ago
        var tenant = new TestTenant();
        tenant.User("asleep", signedInDaysAgo: 120);
        tenant.User("awake", signedInDaysAgo: 30);

        var result = tenant.Scan();

        // Then only the first is dormant, low (it holds nothing), dated by its last sign-in
        var finding = Assert.Single(result.Of(Rule));
        Assert.Equal(TestTenant.Id("asleep"), finding.Principal);
        Assert.Equal("asleep@fabrikam.example", finding.PrincipalName);
        Assert.Equal(TestTenant.TenantId, finding.Account);
        Assert.Equal("entra", finding.Provider);
        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Contains("has not signed in for 120 days", finding.Title, StringComparison.Ordinal);
        Assert.Contains("its last sign-in was 2026-07-31 (120 days before the reference time)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("It holds no directory or Azure role", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_latest_of_interactive_non_interactive_and_successful_sign_ins_decides()
    {
        // Given a user whose last interactive sign-in is old but whose tokens were refreshed (non-interactively) 5 days
        // ago, and a user whose three times are all old
        var tenant = new TestTenant();
        tenant.UserSignedIn("token-user", interactiveDaysAgo: 200, nonInteractiveDaysAgo: 5, successfulDaysAgo: 200);
        tenant.UserSignedIn("gone", interactiveDaysAgo: 200, nonInteractiveDaysAgo: 150, successfulDaysAgo: 200);

        var findings = tenant.Scan().Of(Rule);

        // Then only the second is dormant, dated by its latest time (the non-interactive one)
        var finding = Assert.Single(findings);
        Assert.Equal(TestTenant.Id("gone"), finding.Principal);
        Assert.Contains("has not signed in for 150 days", finding.Title, StringComparison.Ordinal);
        Assert.Contains("non-interactive 2026-07-01", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_who_never_signed_in_is_dormant_once_created_longer_ago_than_the_threshold()
    {
        // Given two users without any recorded sign-in: one created 200 days ago, one 10 days ago
        var tenant = new TestTenant();
        tenant.User("old-invite", signedInDaysAgo: null, createdDaysAgo: 200);
        tenant.User("new-hire", signedInDaysAgo: null, createdDaysAgo: 10);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the old account is reported, as never signed in
        Assert.Equal(TestTenant.Id("old-invite"), finding.Principal);
        Assert.Contains("has never signed in", finding.Title, StringComparison.Ordinal);
        Assert.Contains("records no sign-in of any kind", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Administrators_are_high_other_role_holders_medium_and_guests_are_weighed_like_members()
    {
        // Given dormant users: a Global Administrator, a Helpdesk Administrator, a member of a group that is
        // Contributor of the subscription, a guest without roles and a guest who is Reader of the subscription
        var tenant = new TestTenant();
        foreach (var key in new[] { "global-admin", "helpdesk", "builder" })
        {
            tenant.User(key, signedInDaysAgo: 200);
        }

        tenant.User("idle-guest", userType: "Guest", signedInDaysAgo: 200);
        tenant.User("reading-guest", userType: "Guest", signedInDaysAgo: 200);
        tenant.AssignRole("global-admin", "Global Administrator").AssignRole("helpdesk", "Helpdesk Administrator");
        tenant.Group("builders", roleAssignable: false, "builder");
        tenant.AssignAzureRole("builders", "Group", TestTenant.Contributor, TestTenant.Subscription);
        tenant.AssignAzureRole("reading-guest", "User", TestTenant.Reader, TestTenant.Subscription);

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.Principal, StringComparer.Ordinal);

        // Then the severities follow what each holds, and the explanation says what
        Assert.Equal(Severity.High, findings[TestTenant.Id("global-admin")].Severity);
        Assert.Contains("It is an administrator: Global Administrator (Entra ID)", findings[TestTenant.Id("global-admin")].Explanation, StringComparison.Ordinal);
        Assert.Equal(Severity.Medium, findings[TestTenant.Id("helpdesk")].Severity);
        Assert.Equal(Severity.Medium, findings[TestTenant.Id("builder")].Severity);
        Assert.Contains($"Contributor of subscription `{TestTenant.Subscription}` through group `builders`", findings[TestTenant.Id("builder")].Explanation, StringComparison.Ordinal);
        Assert.Equal(Severity.Low, findings[TestTenant.Id("idle-guest")].Severity);
        Assert.Contains("guest user", findings[TestTenant.Id("idle-guest")].Title, StringComparison.Ordinal);
        Assert.Equal(Severity.Medium, findings[TestTenant.Id("reading-guest")].Severity);
    }

    [Fact]
    public void A_disabled_account_is_not_reported()
    {
        // Given a dormant Global Administrator whose account is disabled
        var tenant = new TestTenant();
        tenant.User("retired-admin", signedInDaysAgo: 400, enabled: false);
        tenant.AssignRole("retired-admin", "Global Administrator");

        // Then it cannot sign in, and is not reported
        Assert.Empty(tenant.Scan().Of(Rule));
    }

    [Fact]
    public void Users_without_exported_sign_in_activity_are_undecided_and_the_scan_says_so_once()
    {
        // Given two users exported without signInActivity (no AuditLog.Read.All) and one with it, dormant
        var tenant = new TestTenant();
        tenant.User("unknown-1", withSignInActivity: false);
        tenant.User("unknown-2", withSignInActivity: false);
        tenant.User("known", signedInDaysAgo: 100);

        var result = tenant.Scan();

        // Then only the known user is reported, and the scan names the two left undecided in one entry
        Assert.Equal(TestTenant.Id("known"), Assert.Single(result.Of(Rule)).Principal);
        var skipped = Assert.Single(result.Skipped, s => s.Analysis.StartsWith(Rule, StringComparison.Ordinal));
        Assert.Equal("dormant-entra-user for 2 of 3 enabled users", skipped.Analysis);
        Assert.Contains("AuditLog.Read.All", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_threshold_and_the_reference_time_decide()
    {
        // Given a user last signed in 45 days before the reference time
        var tenant = new TestTenant();
        tenant.User("part-time", signedInDaysAgo: 45);

        // Then it is not dormant at 90 days, but is at 30 days, or 60 days later
        Assert.Empty(tenant.Scan().Of(Rule));
        Assert.Single(tenant.Scan(settings: new AnalysisSettings { UnusedDays = 30 }).Of(Rule));
        Assert.Single(tenant.Scan(asOf: TestTenant.ReferenceTime.AddDays(60)).Of(Rule));
    }
}
