using System.Globalization;
using Ward.Core.Decisions;
using Ward.Gcp.Edges;
using Ward.Gcp.Iam;
using Ward.Gcp.Ingest;
using Ward.Gcp.Policy.Evaluation;

namespace Ward.Gcp.Tests.Policy;

/// <summary>
/// Conditions on the hour or day of the request (Fixtures/time-windows): Project IAM Admin of p-app to bob outright,
/// to carol until 2026-06-30, to dan from 9 to 17 in Berlin, to erin from 9 to 17 in Berlin until 2026-06-30, to frank
/// the same until 2027-06-30; an organization deny policy refuses bob setIamPolicy from 18 to 6 UTC. IAM decides the
/// hour on every request, so no reference time decides a window; an expiry it still decides.
/// </summary>
public sealed class TimeWindowTests
{
    private const string Morning = "2026-12-01T08:00:00Z"; // 09:00 in Berlin
    private const string Evening = "2026-12-01T20:00:00Z"; // 21:00 in Berlin
    private const string SetIamPolicy = "resourcemanager.projects.setIamPolicy";

    private static readonly Lazy<GcpEstate> Estate = new(() => GcpEstateLoader.Load([Path.Combine(AppContext.BaseDirectory, "Fixtures", "time-windows")]));

    [Theory]
    [InlineData(Morning, true)]
    [InlineData(Evening, false)]
    public void A_window_of_office_hours_is_conditional_at_either_reference_time(string asOf, bool holds)
    {
        // Given dan, Project IAM Admin from 9 to 17 in Berlin
        var decision = Can("user:dan@example.com", asOf);

        // Then, whether the reference time falls in the window or not, he may change the project's allow policy only
        // within it: the requirement quotes the condition, and says whether it holds at the reference time
        var conditional = Assert.IsType<Conditional>(decision);
        Assert.Equal(DecisionKind.ImplicitDeny, conditional.Otherwise);
        var requirement = Assert.Single(conditional.Requirements);
        Assert.StartsWith("the condition \"office hours\" (`request.time.getHours(\"Europe/Berlin\") >= 9 && request.time.getHours(\"Europe/Berlin\") < 17`) holds (", requirement, StringComparison.Ordinal);
        Assert.Contains("`request.time.getHours(\"Europe/Berlin\")` recurs with the time of day: IAM decides it on every request", requirement, StringComparison.Ordinal);
        if (TimeZoneKnown)
        {
            Assert.EndsWith($"at the reference time {asOf} it {(holds ? "holds" : "does not hold")})", requirement, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Morning)]
    [InlineData(Evening)]
    public void An_expiry_that_has_passed_decides_a_window_beside_it(string asOf)
    {
        // Given erin, Project IAM Admin from 9 to 17 in Berlin until 2026-06-30
        var decision = Can("user:erin@example.com", asOf);

        // Then in December the expiry is false for every request, so the condition is, whatever the hour
        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
        Assert.Contains($"its condition \"office hours until june\" (`request.time < timestamp(\"2026-06-30T00:00:00Z\") && request.time.getHours(\"Europe/Berlin\") >= 9 && request.time.getHours(\"Europe/Berlin\") < 17`) does not hold for this request (`request.time` {asOf})", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Morning, DecisionKind.Conditional)]
    [InlineData(Evening, DecisionKind.Conditional)]
    [InlineData("2027-07-01T08:00:00Z", DecisionKind.ImplicitDeny)]
    public void An_expiry_still_ahead_leaves_the_window_to_decide(string asOf, DecisionKind expected)
    {
        // Given frank, Project IAM Admin from 9 to 17 in Berlin until 2027-06-30
        var decision = Can("user:frank@example.com", asOf);

        // Then before the expiry he is allowed on the window alone (the expiry is decided, not quoted as open); after it, not at all
        Assert.Equal(expected, decision.Kind);
        if (decision is Conditional conditional)
        {
            var requirement = Assert.Single(conditional.Requirements);
            Assert.StartsWith("the condition \"office hours until next june\"", requirement, StringComparison.Ordinal);
            Assert.Contains("`request.time.getHours(\"Europe/Berlin\")` recurs with the time of day", requirement, StringComparison.Ordinal);
            Assert.DoesNotContain("2027-06-30T00:00:00Z\")` ", requirement[requirement.IndexOf(") holds (", StringComparison.Ordinal)..], StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Morning, false)]
    [InlineData(Evening, true)]
    public void A_deny_rule_with_a_time_of_day_condition_neither_denies_nor_stands_aside(string asOf, bool holds)
    {
        // Given bob, Project IAM Admin outright, and a deny rule refusing him setIamPolicy from 18 to 6 UTC
        var decision = Can("user:bob@example.com", asOf);

        // Then at either reference time he is allowed only if the rule does not apply, which IAM decides per request
        var conditional = Assert.IsType<Conditional>(decision);
        var requirement = Assert.Single(conditional.Requirements);
        Assert.Equal(
            "rule 0 of deny policy `no-iam-after-hours` does not apply (it does if its denial condition \"after hours\" (`request.time.getHours() >= 18 || request.time.getHours() < 6`) holds "
                + $"(`request.time.getHours()` recurs with the time of day: IAM decides it on every request, not at one reference time; at the reference time {asOf} it {(holds ? "holds" : "does not hold")}))",
            requirement);
        Assert.DoesNotContain(decision.Explanation.Layers, l => l.Outcome == LayerOutcome.Denies);
    }

    [Theory]
    [InlineData(Morning)]
    [InlineData(Evening)]
    public void Who_can_lists_the_window_as_conditional_and_the_expired_binding_not_at_all(string asOf)
    {
        var answers = new GcpAuthorizer(Estate.Value).WhoCan(SetIamPolicy, Project, At(asOf), all: false);

        Assert.Equal(DecisionKind.Conditional, Assert.Single(answers, a => a.Principal.Text == "user:dan@example.com").Decision.Kind);
        Assert.Equal(DecisionKind.Conditional, Assert.Single(answers, a => a.Principal.Text == "user:frank@example.com").Decision.Kind);
        Assert.Equal(DecisionKind.Conditional, Assert.Single(answers, a => a.Principal.Text == "user:bob@example.com").Decision.Kind);
        Assert.DoesNotContain(answers, a => a.Principal.Text is "user:carol@example.com" or "user:erin@example.com");
    }

    [Fact]
    public void What_can_lists_the_window_with_its_permissions_outside_office_hours()
    {
        // Given the evening, outside dan's window
        var grants = new GcpAuthorizer(Estate.Value).WhatCan(Member.Parse("user:dan@example.com"), At(Evening));

        // Then his binding still grants its permissions, if its condition holds, saying it does not at the reference time
        var grant = Assert.Single(grants, g => g.Role == "roles/resourcemanager.projectIamAdmin");
        Assert.Null(grant.Problem);
        Assert.Contains(SetIamPolicy, grant.Permissions, StringComparer.Ordinal);
        Assert.StartsWith("the condition \"office hours\"", grant.Requirement, StringComparison.Ordinal);
        if (TimeZoneKnown)
        {
            Assert.EndsWith($"holds (at the reference time {Evening} it does not hold)", grant.Requirement, StringComparison.Ordinal);
        }

        // And erin's, expired, grants nothing
        var expired = Assert.Single(new GcpAuthorizer(Estate.Value).WhatCan(Member.Parse("user:erin@example.com"), At(Evening)), g => g.Role == "roles/resourcemanager.projectIamAdmin");
        Assert.False(expired.Grants);
        Assert.StartsWith("its condition \"office hours until june\"", expired.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Morning)]
    [InlineData(Evening)]
    public void The_window_gives_a_conditional_escalation_and_no_owner(string asOf)
    {
        // Given the escalation graph at either reference time
        var context = new GcpEdgeContext(Estate.Value, At(asOf));
        var edges = GcpEdgeCheckers.All.Single(c => c.TechniqueId == "gcp-set-iam-policy").Check(context, targets: null).ToList();

        // Then dan and frank may change the project's allow policy on the condition, quoted; erin and carol not at all
        foreach (var user in new[] { "user:dan@example.com", "user:frank@example.com" })
        {
            var edge = Assert.Single(edges, e => e.From.Value == user);
            Assert.True(edge.IsConditional);
            Assert.Contains(edge.Requirements, r => r.Contains("recurs with the time of day", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(edges, e => e.From.Value is "user:erin@example.com" or "user:carol@example.com");

        // And none of them is owner-equivalent for certain
        const string ProjectName = "//cloudresourcemanager.googleapis.com/projects/780000000001";
        var containerOwners = OwnerEquivalence.Of(context);
        Assert.True(containerOwners.Knows(ProjectName));
        var owners = containerOwners.All(ProjectName).Select(o => o.Key).ToList();
        Assert.DoesNotContain("user:dan@example.com", owners, StringComparer.Ordinal);
        Assert.DoesNotContain("user:frank@example.com", owners, StringComparer.Ordinal);
    }

    private static bool TimeZoneKnown => TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Berlin", out _);

    private static GcpResource Project => ResourceLocator.Locate(Estate.Value, "projects/p-app", out var problem) ?? throw new InvalidOperationException(problem);

    private static DateTimeOffset At(string time) => DateTimeOffset.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    private static Decision Can(string principal, string asOf) =>
        new GcpAuthorizer(Estate.Value).Authorize(new GcpRequest { Principal = Member.Parse(principal), Permission = SetIamPolicy, Resource = Project, AsOf = At(asOf) });
}
