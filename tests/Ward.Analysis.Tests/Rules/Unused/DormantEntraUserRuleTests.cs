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
        Assert.Contains("its last successful sign-in was 2026-07-31 (120 days before the reference time)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("It holds no directory or Azure role", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_last_successful_sign_in_decides_failed_attempts_since_do_not_hide_a_dormant_user()
    {
        // Given a user whose password was sprayed 2 days ago (a failed interactive attempt) but who last signed in
        // successfully 200 days ago, and a user whose tokens were refreshed (successfully) 5 days ago
        var tenant = new TestTenant();
        tenant.UserSignedIn("sprayed", interactiveDaysAgo: 2, nonInteractiveDaysAgo: null, successfulDaysAgo: 200);
        tenant.UserSignedIn("token-user", interactiveDaysAgo: 200, nonInteractiveDaysAgo: 5, successfulDaysAgo: 5);

        var findings = tenant.Scan().Of(Rule);

        // Then only the first is dormant, dated by its last successful sign-in; the attempts are shown for what they are
        var finding = Assert.Single(findings);
        Assert.Equal(TestTenant.Id("sprayed"), finding.Principal);
        Assert.Contains("has not signed in for 200 days", finding.Title, StringComparison.Ordinal);
        Assert.Contains("its last successful sign-in was 2026-05-12 (200 days before the reference time) (last attempts, failed ones included: interactive 2026-11-26, non-interactive none recorded)", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Recent_attempts_without_a_successful_sign_in_since_they_are_recorded_do_not_make_a_user_active()
    {
        // Given users without a recorded successful sign-in but with a (failed) attempt 3 days ago: one created in 2021,
        // one created 400 days ago, and one created 30 days ago
        var tenant = new TestTenant();
        tenant.UserSignedIn("old-account", interactiveDaysAgo: 3, nonInteractiveDaysAgo: null, successfulDaysAgo: null, createdDaysAgo: 2000);
        tenant.UserSignedIn("unused-account", interactiveDaysAgo: null, nonInteractiveDaysAgo: 3, successfulDaysAgo: null, createdDaysAgo: 400);
        tenant.UserSignedIn("new-hire", interactiveDaysAgo: 3, nonInteractiveDaysAgo: null, successfulDaysAgo: null, createdDaysAgo: 30);

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.Principal, StringComparer.Ordinal);

        // Then no sign-in succeeded since December 2023 (when successful ones began to be recorded), or since the
        // account was created: the first two are dormant, the new hire is not (yet)
        Assert.Equal(2, findings.Count);
        var old = findings[TestTenant.Id("old-account")];
        Assert.Contains("has not signed in successfully since 2023-12-01", old.Title, StringComparison.Ordinal);
        Assert.Contains("but no successful sign-in, which Entra ID records since 2023-12-01: none succeeded since 2023-12-01 (", old.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("2023-12-01, 2023-12-01", old.Explanation, StringComparison.Ordinal);
        var unused = findings[TestTenant.Id("unused-account")];
        Assert.Contains("has never signed in successfully", unused.Title, StringComparison.Ordinal);
        Assert.Contains("none succeeded since its creation, 2025-10-24 (400 days before the reference time)", unused.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_export_without_the_successful_sign_in_field_is_judged_by_the_latest_attempt()
    {
        // Given an export made before Graph had lastSuccessfulSignInDateTime: one user who tried to sign in 3 days ago,
        // one whose last attempt was 200 days ago
        var tenant = new TestTenant();
        tenant.UserSignedInWithoutSuccessField("active", interactiveDaysAgo: 3, nonInteractiveDaysAgo: 5, createdDaysAgo: 2000);
        tenant.UserSignedInWithoutSuccessField("idle", interactiveDaysAgo: 200, nonInteractiveDaysAgo: null, createdDaysAgo: 2000);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the missing field does not make the active user dormant since December 2023, and the idle one is
        // judged by its latest attempt, with the reason
        Assert.Equal(TestTenant.Id("idle"), finding.Principal);
        Assert.Contains("has not signed in for 200 days", finding.Title, StringComparison.Ordinal);
        Assert.Contains("the export has no `lastSuccessfulSignInDateTime`", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_when_every_attempt_predates_successful_sign_in_records_is_the_latest_attempt_used()
    {
        // Given a user whose last attempts were in 2023, before successful sign-ins were recorded
        var tenant = new TestTenant();
        tenant.UserSignedIn("legacy", interactiveDaysAgo: 1200, nonInteractiveDaysAgo: 1150, successfulDaysAgo: null, createdDaysAgo: 2000);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then its latest attempt is the best there is, and the explanation says it may have failed
        Assert.Contains("has not signed in for 1,150 days", finding.Title, StringComparison.Ordinal);
        Assert.Contains("its last sign-in attempt was 2023-10-05", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("which count failed attempts too", finding.Explanation, StringComparison.Ordinal);
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
    public void A_user_created_before_April_2020_without_a_recorded_sign_in_has_none_recorded_since_then_not_never()
    {
        // Given two users with signInActivity but no time in it: one created in January 2020, one 200 days ago
        var tenant = new TestTenant();
        tenant.UserSignedIn("veteran", interactiveDaysAgo: null, nonInteractiveDaysAgo: null, successfulDaysAgo: null, createdDaysAgo: 2500);
        tenant.UserSignedIn("forgotten", interactiveDaysAgo: null, nonInteractiveDaysAgo: null, successfulDaysAgo: null, createdDaysAgo: 200);

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.Principal, StringComparer.Ordinal);

        // Then Entra ID keeps no sign-in from before April 2020, so the older one may have signed in before then
        var veteran = findings[TestTenant.Id("veteran")];
        Assert.Contains("has no sign-in recorded since April 2020", veteran.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("never", veteran.Title, StringComparison.Ordinal);
        Assert.Contains("Entra ID keeps none from before April 2020", veteran.Explanation, StringComparison.Ordinal);
        Assert.Contains("has never signed in", findings[TestTenant.Id("forgotten")].Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_selected_signInActivity_that_is_null_or_left_out_records_no_sign_in()
    {
        // Given a response selecting signInActivity, where one user has it null and another has none, and a user from
        // a response that did not select it
        var tenant = new TestTenant();
        const string SelectingSignInActivity = "users(id,displayName,userPrincipalName,userType,accountEnabled,createdDateTime,signInActivity)";
        tenant.Add(SelectingSignInActivity, new { id = TestTenant.Id("null-activity"), displayName = "null-activity", userPrincipalName = TestTenant.UserPrincipalName("null-activity"), userType = "Member", accountEnabled = true, createdDateTime = TestTenant.DaysAgo(400), signInActivity = (object?)null });
        tenant.Add(SelectingSignInActivity, new { id = TestTenant.Id("no-activity"), displayName = "no-activity", userPrincipalName = TestTenant.UserPrincipalName("no-activity"), userType = "Member", accountEnabled = true, createdDateTime = TestTenant.DaysAgo(400) });
        tenant.User("not-selected", withSignInActivity: false);

        var result = tenant.Scan();

        // Then the two selected users never signed in; only the third is unknown
        var findings = result.Of(Rule).ToDictionary(f => f.Principal, StringComparer.Ordinal);
        Assert.Equal(new[] { TestTenant.Id("no-activity"), TestTenant.Id("null-activity") }.Order(StringComparer.Ordinal), findings.Keys.Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.All(findings.Values, f => Assert.Contains("has never signed in", f.Title, StringComparison.Ordinal));
        Assert.Equal("dormant-entra-user for 1 of 3 enabled users", Assert.Single(result.Skipped, s => s.Analysis.StartsWith(Rule, StringComparison.Ordinal)).Analysis);
    }

    [Fact]
    public void A_user_that_never_signed_in_with_a_null_createdDateTime_is_undecided_and_the_scan_does_not_say_it_was_not_exported()
    {
        // Given two users of a response selecting createdDateTime and signInActivity, neither with a sign-in: one
        // whose createdDateTime Graph gives as null (it could not determine it), one created 400 days ago
        var tenant = new TestTenant();
        const string Selecting = "users(id,displayName,userPrincipalName,userType,accountEnabled,createdDateTime,signInActivity)";
        tenant.Add(Selecting, new { id = TestTenant.Id("undated"), displayName = "undated", userPrincipalName = TestTenant.UserPrincipalName("undated"), userType = "Member", accountEnabled = true, createdDateTime = (string?)null, signInActivity = (object?)null });
        tenant.Add(Selecting, new { id = TestTenant.Id("dated"), displayName = "dated", userPrincipalName = TestTenant.UserPrincipalName("dated"), userType = "Member", accountEnabled = true, createdDateTime = TestTenant.DaysAgo(400), signInActivity = (object?)null });

        var result = tenant.Scan();

        // Then the dated one is reported; the undated one is left undecided, and the scan says its creation time is
        // unknown (null), not that the export lacks it
        var finding = Assert.Single(result.Of(Rule));
        Assert.Equal(TestTenant.Id("dated"), finding.Principal);
        var skipped = Assert.Single(result.Skipped, s => s.Analysis.StartsWith(Rule, StringComparison.Ordinal));
        Assert.Equal("dormant-entra-user for 1 user that never signed in", skipped.Analysis);
        Assert.Contains("null, which Microsoft Graph gives when it could not determine when the user was created", skipped.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("createdDateTime was not exported", skipped.Reason, StringComparison.Ordinal);
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
