using static Ward.Cli.Tests.Rules.GcpFindingsScan;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>gcp-expired-conditional-binding</c> on the Contoso export at 2026-12-01: bindings whose condition bounds
/// <c>request.time</c> by a passed time are reported, on the resource that holds them; a future bound, a lower bound
/// and a disjunction that may still hold are not.
/// </summary>
public sealed class GcpExpiredConditionalBindingRuleTests
{
    private const string Rule = "gcp-expired-conditional-binding";

    [Theory]
    [InlineData("organizations/940000000001", "roles/editor", "2026-01-01", "The condition has been false since 2026-01-01 (334 days before the reference time)")]
    [InlineData("projects/ct-app", "roles/storage.objectViewer", "2026-03-31", "The condition has been false since 2026-03-31")]
    [InlineData("projects/ct-data", "roles/editor", "2026-06-01", "Its clause `request.time < timestamp(\"2026-06-01T00:00:00Z\")` has been false since 2026-06-01")]
    public void A_binding_past_its_time_bound_is_low_and_dated(string resource, string role, string day, string why)
    {
        var finding = Single(Rule, resource);

        Assert.Equal("low", finding.Text("severity"));
        Assert.Equal($"`{role}` on `{resource}` expired on {day}", finding.Text("title"));
        Assert.Contains(why, finding.Text("explanation"), StringComparison.Ordinal);
        Assert.Contains("the binding grants nothing and never will again", finding.Text("explanation"), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_expired_bindings_are_reported()
    {
        // ct-data also holds a bound in 2027 (soon@), a lower bound (later@) and a disjunction whose other side may
        // hold (qa@): one finding each for the organization, ct-app, ct-data, ct-ops and the bucket ct-app-uploads (its
        // public preview binding), naming the expired bindings' members.
        var findings = Of(Rule);

        Assert.Equal(["//storage.googleapis.com/ct-app-uploads", "organizations/940000000001", "projects/ct-app", "projects/ct-data", "projects/ct-ops"], findings.Select(f => f.Text("principal")).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.All(["soon@", "later@", "qa@"], member => Assert.DoesNotContain(findings, f => f.Text("explanation").Contains(member, StringComparison.Ordinal)));
    }

    [Fact]
    public void An_expired_binding_of_a_role_the_export_does_not_describe_grants_nothing()
    {
        // Given responder, Security Admin of ct-ops until 2026-01-01, a role the roles export does not describe
        var finding = Single(Rule, "projects/ct-ops");

        // Then the binding is reported as expired, and no escalation path starts from it: a condition that is false
        // grants nothing, whatever the role holds
        Assert.Equal("`roles/iam.securityAdmin` on `projects/ct-ops` expired on 2026-01-01", finding.Text("title"));
        Assert.DoesNotContain(Findings, f => f.Text("ruleId") != Rule && f.Text("principal") == "user:responder@contoso.example");
    }
}
