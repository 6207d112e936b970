using Ward.Gcp.Policy.Conditions;

namespace Ward.Gcp.Tests.Policy;

/// <summary>
/// A workload identity provider's mapping and condition decided over a token's claims: claims read by field or by
/// index, mapped attributes, <c>contains</c>, <c>matches</c>, <c>lowerAscii</c>, <c>has</c>, <c>size</c>, a claim the token lacks (an error, which refuses the token) and one Ward
/// does not know (unknown).
/// </summary>
public sealed class WorkloadIdentityConditionTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly Dictionary<string, string> Mapping = new(StringComparer.Ordinal)
    {
        ["google.subject"] = "assertion.sub",
        ["attribute.owner"] = "assertion['repository_owner']",
    };

    private static readonly Dictionary<string, object?> Token = new(StringComparer.Ordinal)
    {
        ["sub"] = "repo:example-org-outsider/app:ref:refs/heads/main",
        ["repository_owner"] = "example-org-outsider",
        ["repository"] = "example-org-outsider/app",
        ["environment"] = null,
    };

    [Theory]
    [InlineData("assertion.repository_owner.startsWith('example-org')", ConditionTruth.True)]
    [InlineData("assertion.repository.startsWith('example-org/')", ConditionTruth.False)]
    [InlineData("assertion['repository'].contains('org-outsider/')", ConditionTruth.True)]
    [InlineData("assertion.repository.contains('example-org/')", ConditionTruth.False)]
    [InlineData("attribute.owner == 'example-org-outsider'", ConditionTruth.True)]
    [InlineData("google.subject.endsWith(':ref:refs/heads/main')", ConditionTruth.True)]
    [InlineData("assertion.environment == 'prod'", ConditionTruth.False)]               // the token has no environment: an error refuses it
    [InlineData("assertion.environment == 'prod' || true", ConditionTruth.True)]         // unless the rest decides, as in CEL
    [InlineData("assertion.custom == 'x'", ConditionTruth.Undecided)]                    // a claim Ward does not know
    [InlineData("assertion.custom == 'x' && assertion.repository_owner == 'example-org'", ConditionTruth.False)]
    [InlineData("attribute.unmapped == 'x'", ConditionTruth.Undecided)]
    [InlineData("assertion.repository.matches('^example-org/')", ConditionTruth.False)]          // anchored: the owner must be the tenant's
    [InlineData("assertion.repository.matches('example-org')", ConditionTruth.True)]             // CEL's matches finds the expression anywhere
    [InlineData("matches(assertion.sub, '^repo:example-org-outsider/[a-z]+:')", ConditionTruth.True)] // the function form
    [InlineData("assertion.repository.matches('(')", ConditionTruth.Undecided)]                  // not an expression Ward reads: not decided
    [InlineData("assertion.repository_owner.matches('^example-org\\\\d+$')", ConditionTruth.Undecided)] // no match here, but `example-org1` would
    [InlineData("assertion.repository.matches('^example-org/[a-z]+$')", ConditionTruth.False)]   // every match begins with `example-org/`
    [InlineData("assertion.repository.matches('^example-org/|zz')", ConditionTruth.Undecided)]    // the `^` binds the first alternative only: `zz` anywhere passes
    [InlineData("assertion.repository_owner.matches('^(?P<o>[a-z]+)$')", ConditionTruth.Undecided)] // RE2's named group, read; no match here but others may
    [InlineData("assertion.repository_owner.matches('^[\\\\pL-]+$')", ConditionTruth.True)]       // RE2's one-letter class \pL is \p{L}
    [InlineData("assertion.repository_owner.matches('^[[:alpha:]-]+$')", ConditionTruth.Undecided)] // a POSIX class, which .NET reads otherwise
    [InlineData("assertion.repository_owner.lowerAscii() == 'example-org-outsider'", ConditionTruth.True)]
    [InlineData("assertion.repository_owner.upperAscii() == 'EXAMPLE-ORG'", ConditionTruth.False)]
    [InlineData("has(assertion.repository)", ConditionTruth.True)]
    [InlineData("has(assertion.environment)", ConditionTruth.False)]                              // the token lacks it
    [InlineData("has(assertion.custom)", ConditionTruth.Undecided)]                               // a claim Ward does not know
    [InlineData("size(assertion.repository_owner) == 20 && assertion.repository_owner.size() > 3", ConditionTruth.True)]
    public void A_condition_is_decided_over_the_claims_and_the_mapped_attributes(string condition, ConditionTruth truth) =>
        Assert.Equal(truth, WorkloadIdentityCondition.Parse(condition, Mapping).Evaluate(Token, Now).Truth);

    [Fact]
    public void A_mapping_Ward_cannot_evaluate_leaves_its_attribute_unknown_with_why()
    {
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal) { ["attribute.owner"] = "assertion.repository_owner.replace('-', '')" };

        var result = WorkloadIdentityCondition.Parse("attribute.owner == 'exampleorg'", mapping).Evaluate(Token, Now);

        Assert.Equal(ConditionTruth.Undecided, result.Truth);
        Assert.Contains("the mapping of `attribute.owner`, `assertion.repository_owner.replace('-', '')`, is not decided", Assert.Single(result.Undecided), StringComparison.Ordinal);
    }

    [Fact]
    public void The_string_constants_of_the_condition_and_the_mappings_are_listed_once()
    {
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal) { ["attribute.org"] = "assertion.sub.extract('repo:{org}/')" };

        var parsed = WorkloadIdentityCondition.Parse("attribute.org == 'example-org' || assertion.repository_owner in ['example-org', 'example-labs']", mapping);

        Assert.Equal(["example-org", "example-labs", "repo:{org}/"], parsed.StringLiterals);
    }

    [Fact]
    public void Claims_stay_unevaluated_where_no_token_is_given() =>
        Assert.Equal(ConditionTruth.Undecided, IamCondition.Parse("assertion.sub == 'x'").Evaluate(new ConditionContext { RequestTime = Now }).Truth);
}
