using System.Globalization;
using Ward.Gcp.Policy.Conditions;

namespace Ward.Gcp.Tests.Policy;

/// <summary>Which conditions can never hold again after a time: only a passed upper bound on <c>request.time</c> in the top-level conjunction.</summary>
public sealed class ConditionExpiryTests
{
    private static readonly DateTimeOffset Reference = At("2026-12-01T09:00:00Z");

    public static TheoryData<string, string, string, bool> Bounded => new()
    {
        { "request.time < timestamp(\"2026-06-30T00:00:00Z\")", "2026-06-30T00:00:00Z", "request.time < timestamp(\"2026-06-30T00:00:00Z\")", false },
        { "request.time <= timestamp('2026-03-31T23:59:59Z')", "2026-03-31T23:59:59Z", "request.time <= timestamp('2026-03-31T23:59:59Z')", true },
        { "timestamp(\"2026-06-30T00:00:00Z\") > request.time", "2026-06-30T00:00:00Z", "timestamp(\"2026-06-30T00:00:00Z\") > request.time", false },
        { "request.time < timestamp(\"2026-01-01T00:00:00Z\") + duration(\"86400s\")", "2026-01-02T00:00:00Z", "request.time < timestamp(\"2026-01-01T00:00:00Z\") + duration(\"86400s\")", false },
        // A clause of the top-level conjunction, wherever it stands and whatever the others are.
        { "resource.type == \"compute.googleapis.com/Instance\" && request.time < timestamp(\"2026-06-01T00:00:00Z\")", "2026-06-01T00:00:00Z", "request.time < timestamp(\"2026-06-01T00:00:00Z\")", false },
        { "(resource.matchTag(\"123/env\", \"dev\") && request.time < timestamp(\"2027-01-01T00:00:00Z\")) && request.time < timestamp(\"2026-05-01T00:00:00Z\")", "2026-05-01T00:00:00Z", "request.time < timestamp(\"2026-05-01T00:00:00Z\")", false },
        { "request.time > timestamp(\"2025-01-01T00:00:00Z\") && request.time < timestamp(\"2025-02-01T00:00:00+01:00\")", "2025-01-31T23:00:00Z", "request.time < timestamp(\"2025-02-01T00:00:00+01:00\")", false },
    };

    [Theory]
    [MemberData(nameof(Bounded))]
    public void A_top_level_upper_bound_on_request_time_is_the_expiry(string expression, string until, string clause, bool inclusive)
    {
        // Given a condition whose top-level conjunction bounds request.time from above
        // When it is parsed
        var expiry = IamCondition.Parse(expression).Expiry;

        // Then the earliest bound is its expiry, quoted as written
        Assert.NotNull(expiry);
        Assert.Equal(At(until), expiry.Until);
        Assert.Equal(clause, expiry.Clause);
        Assert.Equal(inclusive, expiry.Inclusive);
    }

    public static TheoryData<string> Unbounded => new()
    {
        "request.time > timestamp(\"2025-01-01T00:00:00Z\")",                                                                  // a lower bound
        "request.time < timestamp(\"2025-01-01T00:00:00Z\") || resource.name.startsWith(\"projects/_/buckets/public-\")",       // the other side may hold
        "!(request.time >= timestamp(\"2025-01-01T00:00:00Z\"))",                                                              // a negation, not recognised
        "request.time.getFullYear(\"UTC\") < 2025",                                                                              // a function of the time
        "request.time < timestamp(resource.name)",                                                                              // not a constant
        "request.time < timestamp(\"next year\")",                                                                              // not a timestamp
        "request.time < duration(\"3600s\")",                                                                                   // not a timestamp either
        "resource.name.startsWith(\"projects/_/buckets/reports-\")",
        "request.time < timestamp(\"2025-01-01T00:00:00Z\") &&",                                                                // not CEL
    };

    [Theory]
    [MemberData(nameof(Unbounded))]
    public void Any_other_shape_gives_no_expiry(string expression) =>
        Assert.Null(IamCondition.Parse(expression).Expiry);

    [Fact]
    public void A_strict_bound_has_passed_at_its_own_time_an_inclusive_one_only_after_it()
    {
        var strict = IamCondition.Parse("request.time < timestamp(\"2026-12-01T09:00:00Z\")").Expiry!;
        var inclusive = IamCondition.Parse("request.time <= timestamp(\"2026-12-01T09:00:00Z\")").Expiry!;

        Assert.True(strict.HasPassed(Reference));
        Assert.False(strict.HasPassed(Reference.AddTicks(-1)));
        Assert.False(inclusive.HasPassed(Reference));
        Assert.True(inclusive.HasPassed(Reference.AddTicks(1)));
    }

    [Fact]
    public void An_expired_condition_is_false_at_every_later_time_whatever_Ward_cannot_decide()
    {
        // Given a condition with a passed bound and a clause Ward does not evaluate
        var condition = IamCondition.Parse("resource.matchTag(\"123/env\", \"prod\") && request.time < timestamp(\"2026-06-01T00:00:00Z\")");

        // Then the evaluator agrees with the expiry at and after the bound
        Assert.True(condition.Expiry!.HasPassed(Reference));
        foreach (var time in new[] { At("2026-06-01T00:00:00Z"), Reference, At("2030-01-01T00:00:00Z") })
        {
            Assert.Equal(ConditionTruth.False, condition.Evaluate(new ConditionContext { RequestTime = time }).Truth);
        }
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
}
