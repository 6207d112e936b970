using Ward.Gcp.Policy.Conditions;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Policy;

public sealed class IamConditionTests
{
    private static readonly ConditionContext Bucket = new()
    {
        RequestTime = DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        ResourceName = "projects/_/buckets/reports-2026/objects/q4/summary.csv",
        ResourceType = "storage.googleapis.com/Object",
        ResourceService = "storage.googleapis.com",
    };

    public static TheoryData<string, ConditionTruth> Decided => new()
    {
        { "request.time < timestamp(\"2027-01-01T00:00:00Z\")", ConditionTruth.True },
        { "request.time < timestamp(\"2026-01-01T00:00:00Z\")", ConditionTruth.False },
        { "request.time >= timestamp('2026-12-01T10:00:00Z')", ConditionTruth.True },
        { "request.time > timestamp(\"2026-12-01T11:00:00+02:00\")", ConditionTruth.True },
        { "request.time < timestamp(\"2026-11-30T00:00:00Z\") + duration(\"172800s\")", ConditionTruth.True },
        { "resource.name.startsWith(\"projects/_/buckets/reports-\")", ConditionTruth.True },
        { "resource.name.startsWith(\"projects/_/buckets/logs-\")", ConditionTruth.False },
        { "resource.name.endsWith(\".csv\")", ConditionTruth.True },
        { "resource.name == \"projects/_/buckets/reports-2026/objects/q4/summary.csv\"", ConditionTruth.True },
        { "resource.name != \"projects/_/buckets/reports-2026\"", ConditionTruth.True },
        { "resource.type == \"storage.googleapis.com/Object\" && resource.service == \"storage.googleapis.com\"", ConditionTruth.True },
        { "resource.type == \"storage.googleapis.com/Bucket\" || resource.name.endsWith(\".json\")", ConditionTruth.False },
        { "!(resource.name.endsWith(\".csv\"))", ConditionTruth.False },
        { "!resource.name.endsWith(\".json\")", ConditionTruth.True },
        { "resource.type == \"storage.googleapis.com/Bucket\" || resource.type == \"storage.googleapis.com/Object\" && resource.name.endsWith(\".csv\")", ConditionTruth.True },
        { "(resource.type == \"storage.googleapis.com/Bucket\" || resource.type == \"storage.googleapis.com/Object\") && resource.name.endsWith(\".json\")", ConditionTruth.False },
        { "resource.type in [\"storage.googleapis.com/Bucket\", \"storage.googleapis.com/Object\"]", ConditionTruth.True },
        { "resource.service == \"storage.googleapis.com\" ? resource.name.endsWith(\".csv\") : false", ConditionTruth.True },
        // `&&` is false when one side is false, `||` true when one side is true, whatever Ward cannot decide on the other.
        { "resource.name.endsWith(\".json\") && resource.matchTag(\"123/env\", \"prod\")", ConditionTruth.False },
        { "resource.matchTag(\"123/env\", \"prod\") || request.time < timestamp(\"2027-01-01T00:00:00Z\")", ConditionTruth.True },
        // The year only grows: compared with a constant, it bounds the time as a timestamp does, and the reference time decides it.
        { "request.time.getFullYear(\"America/Los_Angeles\") == 2026", ConditionTruth.True },
        { "request.time.getFullYear() < 2027", ConditionTruth.True },
        { "request.time.getFullYear() < 2026", ConditionTruth.False },
        // The fields of a constant timestamp are constants.
        { "timestamp(\"2026-12-01T10:00:00Z\").getHours(\"Europe/Berlin\") == 11", ConditionTruth.True },
        // extract: the text standing for the variable, or "" when the name does not match the template.
        { "resource.name.extract(\"projects/_/buckets/{bucket}/\") == \"reports-2026\"", ConditionTruth.True },
        { "resource.name.extract(\"projects/_/buckets/{bucket}/\") == \"logs-2026\"", ConditionTruth.False },
        { "resource.name.extract(\"projects/_/buckets/{bucket}/\").startsWith(\"reports-\")", ConditionTruth.True },
        { "resource.name.extract(\"/objects/{object}\") == \"q4/summary.csv\"", ConditionTruth.True },
        { "resource.name.extract(\"{path}/objects/\") == \"projects/_/buckets/reports-2026\"", ConditionTruth.True },
        { "resource.name.extract(\"/secrets/{secret}/\") == \"\"", ConditionTruth.True },
        { "resource.name.extract(\"buckets/{bucket}/versions/\") == \"\"", ConditionTruth.True },
        { "resource.name.extract(\"/secrets/{secret}\").startsWith(\"reports\")", ConditionTruth.False },
    };

    [Theory]
    [MemberData(nameof(Decided))]
    public void Conditions_on_time_and_resource_attributes_are_decided(string expression, ConditionTruth expected)
    {
        TimeZones.SkipWithoutDatabase(expression);
        // Given a condition Ward decides, and a request for an object at 2026-12-01T10:00Z
        // When it is evaluated
        var result = IamCondition.Parse(expression).Evaluate(Bucket);

        // Then it holds or not, with nothing undecided
        Assert.Null(IamCondition.Parse(expression).ParseError);
        Assert.Equal(expected, result.Truth);
        Assert.Empty(result.Undecided);
    }

    public static TheoryData<string, bool> Recurring => new()
    {
        // Date and time fields of request.time (Tuesday 2026-12-01 10:00 UTC, 11:00 in Berlin, 19:00 in Tokyo), UTC
        // unless a zone is given; months, days of the month and of the year count from 0, getDate from 1, Sunday is 0.
        { "request.time.getHours() == 10", true },
        { "request.time.getHours(\"UTC\") == 10", true },
        { "request.time.getHours(\"Europe/Berlin\") == 11", true },
        { "request.time.getHours(\"Europe/Berlin\") >= 9 && request.time.getHours(\"Europe/Berlin\") < 17", true },
        { "request.time.getHours(\"Asia/Tokyo\") < 17", false },
        { "request.time.getHours(\"+05:30\") == 15 && request.time.getMinutes(\"+05:30\") == 30", true },
        { "request.time.getHours(\"-08:00\") == 2", true },
        { "request.time.getDayOfWeek() == 2", true },
        { "request.time.getDayOfWeek(\"Europe/Berlin\") in [0, 6]", false },
        { "request.time.getMonth() == 11", true },
        { "request.time.getMonth() == 12", false },
        { "request.time.getDate() == 1 && request.time.getDayOfMonth() == 0", true },
        { "request.time.getDayOfMonth() == 1", false },
        { "request.time.getDayOfYear() == 334", true },
        { "request.time.getMinutes() == 0 && request.time.getSeconds() == 0 && request.time.getMilliseconds() == 0", true },
        { "request.time.getMinutes() > 0", false },
        { "(request.time + duration(\"2h\")).getHours() == 12", true },
    };

    [Theory]
    [MemberData(nameof(Recurring))]
    public void A_field_of_the_time_that_recurs_leaves_the_condition_undecided_saying_whether_it_holds_at_the_reference_time(string expression, bool holds)
    {
        TimeZones.SkipWithoutDatabase(expression);
        // Given a condition on the hour, day or month of the request, which IAM decides on every request
        // When it is evaluated for a request at 2026-12-01T10:00Z
        var result = IamCondition.Parse(expression).Evaluate(Bucket);

        // Then the reference time does not decide it: it is undecided, quoting the field, and says whether it holds then
        Assert.Equal(ConditionTruth.Undecided, result.Truth);
        Assert.Contains(result.Undecided, n => n.Contains("recurs with the", StringComparison.Ordinal) && n.Contains("IAM decides it on every request", StringComparison.Ordinal));
        Assert.Equal(holds, result.HoldsAtReferenceTime);
        Assert.Equal($"at the reference time 2026-12-01T10:00:00Z it {(holds ? "holds" : "does not hold")}", result.Undecided[^1]);
    }

    [Fact]
    public void A_window_of_hours_says_what_it_recurs_with()
    {
        TimeZones.SkipWithoutDatabase("(\"Europe/Berlin\")");
        var result = IamCondition.Parse("request.time.getHours(\"Europe/Berlin\") >= 9 && request.time.getHours(\"Europe/Berlin\") < 17 && request.time.getDayOfWeek(\"Europe/Berlin\") != 0").Evaluate(Bucket);

        // Each field once, the period it recurs with, then the reference time
        Assert.Equal(
            [
                "`request.time.getHours(\"Europe/Berlin\")` recurs with the time of day: IAM decides it on every request, not at one reference time",
                "`request.time.getDayOfWeek(\"Europe/Berlin\")` recurs with the day of the week: IAM decides it on every request, not at one reference time",
                "at the reference time 2026-12-01T10:00:00Z it holds",
            ],
            result.Undecided);
    }

    public static TheoryData<string, ConditionTruth, string[]> BoundsAndWindows => new()
    {
        // An expiry that has passed is false for every request, whatever the window: CEL's && is false when one side is.
        { "request.time < timestamp(\"2026-06-30T00:00:00Z\") && request.time.getHours() >= 9", ConditionTruth.False, [] },
        { "request.time.getHours() >= 9 && request.time < timestamp(\"2026-06-30T00:00:00Z\")", ConditionTruth.False, [] },
        { "request.time.getFullYear() < 2026 && request.time.getDayOfWeek() == 2", ConditionTruth.False, [] },
        // An expiry still ahead leaves the window alone to decide.
        { "request.time < timestamp(\"2027-06-30T00:00:00Z\") && request.time.getHours() >= 9", ConditionTruth.Undecided, ["`request.time.getHours()` recurs with the time of day", "at the reference time 2026-12-01T10:00:00Z it holds"] },
        // A start that has passed, or a bound that holds, makes an || true whatever the window.
        { "request.time >= timestamp(\"2026-01-01T00:00:00Z\") || request.time.getHours() >= 9", ConditionTruth.True, [] },
        { "request.time < timestamp(\"2026-01-01T00:00:00Z\") || request.time.getHours() < 9", ConditionTruth.Undecided, ["`request.time.getHours()` recurs with the time of day", "at the reference time 2026-12-01T10:00:00Z it does not hold"] },
        // With tags Ward does not know: the note only when the reference time decides the rest.
        { "resource.matchTag(\"123/env\", \"prod\") && request.time.getHours() >= 20", ConditionTruth.Undecided, ["the resource's tags are not known", "recurs with the time of day", "at the reference time 2026-12-01T10:00:00Z it does not hold"] },
    };

    [Theory]
    [MemberData(nameof(BoundsAndWindows))]
    public void A_bound_on_the_time_is_decided_by_the_reference_time_and_a_window_beside_it_is_not(string expression, ConditionTruth expected, string[] notes)
    {
        var result = IamCondition.Parse(expression).Evaluate(Bucket);

        Assert.Equal(expected, result.Truth);
        Assert.Equal(notes.Length == 0, result.Undecided.IsEmpty);
        Assert.All(notes, note => Assert.Contains(result.Undecided, n => n.Contains(note, StringComparison.Ordinal)));
    }

    [Fact]
    public void Without_the_reference_time_deciding_the_rest_no_note_is_given()
    {
        // Given a window beside a tag Ward does not know, the window holding at the reference time
        var result = IamCondition.Parse("resource.matchTag(\"123/env\", \"prod\") && request.time.getHours() < 20").Evaluate(Bucket);

        // Then it is undecided, with no word on the reference time: the tag decides it then
        Assert.Equal(ConditionTruth.Undecided, result.Truth);
        Assert.Null(result.HoldsAtReferenceTime);
        Assert.DoesNotContain(result.Undecided, n => n.Contains("at the reference time", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> Undecided => new()
    {
        { "request.time.getHours(\"Mars/Olympus_Mons\") >= 9", "`request.time.getHours(\"Mars/Olympus_Mons\")`: the time zone `Mars/Olympus_Mons` is not known on this machine" },
        { "request.time.getDayOfWeek(\"+5\") == 1", "the time zone `+5` is not known on this machine" },
        { "duration(\"90m\").getHours() == 1", "`duration(\"90m\").getHours()` is not evaluated by Ward" },
        { "resource.name.getHours() == 1", "`getHours` needs a timestamp and a time zone name" },
        { "resource.matchTag(\"123456789012/env\", \"prod\")", "`resource.matchTag(\"123456789012/env\", \"prod\")` is not decided: the resource's tags are not known" },
        { "resource.name.extract(\"projects/{project}/buckets/{bucket}\") == \"x\"", "`projects/{project}/buckets/{bucket}` is not a template with one `{variable}`" },
        { "resource.name.extract(\"projects/_/buckets/\") == \"x\"", "is not a template with one `{variable}`" },
        { "api.getAttribute(\"iam.googleapis.com/modifiedGrantsByRole\", []).hasOnly([\"roles/viewer\"])", "is not evaluated by Ward" },
        { "request.host == \"example.com\"", "`request.host` is not evaluated by Ward" },
        { "resource.name.startsWith(\"projects/_/buckets/reports-\") && destination.port == 443", "`destination.port` is not evaluated by Ward" },
        { "request.time < timestamp(\"next year\")", "`next year` is not an RFC 3339 timestamp" },
        { "resource.name < 3", "no `<` between a string and a int" },
    };

    [Theory]
    [MemberData(nameof(Undecided))]
    public void What_Ward_does_not_evaluate_leaves_the_condition_undecided_and_named(string expression, string note)
    {
        // Given a condition using what Ward does not decide (a time zone it does not know, tags, API attributes,
        // request attributes) or a value CEL rejects
        // When it is evaluated
        var result = IamCondition.Parse(expression).Evaluate(Bucket);

        // Then it is undecided, and the note quotes what was not decided
        Assert.Equal(ConditionTruth.Undecided, result.Truth);
        Assert.Contains(result.Undecided, n => n.Contains(note, StringComparison.Ordinal));
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "request.time.getHours(\"Europe/Berlin\") >= 9 &&", "the expression ends where a value was expected" },
        { "resource.name = \"projects/_/buckets/b\"", "unexpected character `=` at position 14" },
        { "resource.name.startsWith(\"projects/_/buckets/b)", "string starting at position 25 is not closed" },
        { "(resource.name == \"x\"", "expected `)` at the end of the expression" },
        { "resource.name == \"x\")", "unexpected `)` at position 20" },
        { "", "the expression is empty" },
        { "resource.name == \"a\\qb\"", "unsupported escape `\\q`" },
        { "request.time < timestamp(\"2027-01-01T00:00:00Z\") &", "unexpected character `&`" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void An_unparseable_condition_is_undecided_with_the_parse_error(string expression, string error)
    {
        // Given text that is not CEL
        // When it is parsed and evaluated
        var condition = IamCondition.Parse(expression);
        var result = condition.Evaluate(Bucket);

        // Then the parse error says where, and the condition is undecided rather than true or false
        Assert.NotNull(condition.ParseError);
        Assert.Contains(error, condition.ParseError, StringComparison.Ordinal);
        Assert.Equal(ConditionTruth.Undecided, result.Truth);
        Assert.StartsWith("the condition could not be parsed: ", Assert.Single(result.Undecided), StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_without_exhausting_the_stack()
    {
        // Given a hostile condition nested far deeper than any real one
        var expression = new string('(', 50_000) + "true" + new string(')', 50_000);
        var negations = new string('!', 50_000) + "true";
        var chain = string.Join(" && ", Enumerable.Repeat("true", 50_000));
        var selects = "request" + string.Concat(Enumerable.Repeat(".time", 50_000));

        // When it is parsed
        // Then it is refused as too deep, with no crash
        Assert.Contains("nested more than", IamCondition.Parse(expression).ParseError, StringComparison.Ordinal);
        Assert.Contains("nested more than", IamCondition.Parse(negations).ParseError, StringComparison.Ordinal);
        Assert.Contains("chains more than", IamCondition.Parse(chain).ParseError, StringComparison.Ordinal);
        Assert.Contains("chains more than", IamCondition.Parse(selects).ParseError, StringComparison.Ordinal);
    }

    [Fact]
    public void Moderate_nesting_parses()
    {
        // Given a condition nested fifty levels deep, within the limit
        var expression = new string('(', 50) + "resource.name.endsWith(\".csv\")" + new string(')', 50);

        // Then it is decided
        Assert.Equal(ConditionTruth.True, IamCondition.Parse(expression).Evaluate(Bucket).Truth);
    }

    [Theory]
    [InlineData("request.time.getDayOfWeek() == 1", true)]
    [InlineData("request.time.getDayOfWeek(\"America/Los_Angeles\") == 0", true)]
    [InlineData("request.time.getDate(\"America/Los_Angeles\") == 6 && request.time.getHours(\"America/Los_Angeles\") == 21", true)]
    [InlineData("request.time.getDayOfWeek(\"America/Los_Angeles\") >= 1 && request.time.getDayOfWeek(\"America/Los_Angeles\") <= 5", false)]
    public void The_day_is_the_day_in_the_time_zone_asked_for(string expression, bool holds)
    {
        TimeZones.SkipWithoutDatabase(expression);
        // Given a request at 05:00 UTC on Monday 2026-12-07, still 21:00 on Sunday the 6th in Los Angeles
        var context = Bucket with { RequestTime = DateTimeOffset.Parse("2026-12-07T05:00:00Z", System.Globalization.CultureInfo.InvariantCulture) };

        // When a condition asks for the day
        var result = IamCondition.Parse(expression).Evaluate(context);

        // Then the day recurs, so the condition is undecided; at the reference time it is Monday in UTC and Sunday in Los Angeles
        Assert.Equal(ConditionTruth.Undecided, result.Truth);
        Assert.Equal(holds, result.HoldsAtReferenceTime);
    }

    [Fact]
    public void An_unknown_resource_name_leaves_extract_undecided()
    {
        // Given a request whose resource name Ward does not know
        var context = Bucket with { ResourceName = null };

        // When a condition extracts from it
        var result = IamCondition.Parse("resource.name.extract(\"projects/_/buckets/{bucket}/\") == \"reports-2026\"").Evaluate(context);

        // Then it is undecided, saying why
        Assert.Equal(ConditionTruth.Undecided, result.Truth);
        Assert.Equal("`resource.name` of the resource is not known", Assert.Single(result.Undecided));
    }

    [Fact]
    public void An_unknown_resource_type_is_undecided_with_the_reason()
    {
        // Given a request whose resource type Ward could not tell
        var context = Bucket with { ResourceType = null, ResourceTypeUnknownBecause = "no exported policy gives its asset type" };

        // When a condition asks for the type
        var result = IamCondition.Parse("resource.type == \"bigquery.googleapis.com/Table\"").Evaluate(context);

        // Then it is undecided, saying why
        Assert.Equal(ConditionTruth.Undecided, result.Truth);
        Assert.Equal("`resource.type` of the resource is not known (no exported policy gives its asset type)", Assert.Single(result.Undecided));
    }

    [Theory]
    [InlineData("resource.type == \"storage.googleapis.com/Bucket\"", ConditionTruth.False)]
    [InlineData("resource.type != \"storage.googleapis.com/Bucket\"", ConditionTruth.True)]
    [InlineData("resource.type in [\"storage.googleapis.com/Bucket\", \"storage.googleapis.com/Object\"]", ConditionTruth.False)]
    [InlineData("resource.type.startsWith(\"storage.\")", ConditionTruth.False)]
    [InlineData("resource.service == \"storage.googleapis.com\"", ConditionTruth.False)]
    [InlineData("resource.service != \"storage.googleapis.com\"", ConditionTruth.True)]
    [InlineData("resource.name.startsWith(\"projects/_/buckets/logs/\")", ConditionTruth.False)]
    [InlineData("resource.type.startsWith(\"bigquery.googleapis.com/\")", ConditionTruth.Undecided)]
    [InlineData("resource.type == \"\"", ConditionTruth.Undecided)]
    [InlineData("resource.service == \"bigquery.googleapis.com\"", ConditionTruth.Undecided)]
    [InlineData("resource.name.startsWith(\"projects/ct-data/\")", ConditionTruth.Undecided)]
    [InlineData("resource.type == \"bigquery.googleapis.com/Table\"", ConditionTruth.Undecided)]
    [InlineData("resource.type in [\"storage.googleapis.com/Bucket\", \"bigquery.googleapis.com/Table\"]", ConditionTruth.Undecided)]
    [InlineData("resource.name.startsWith(\"projects/ct-data/datasets/public\")", ConditionTruth.Undecided)]
    [InlineData("resource.name.endsWith(\"/tables/t\")", ConditionTruth.Undecided)]
    public void A_type_or_name_known_to_begin_with_a_text_decides_what_it_can_not_be(string expression, ConditionTruth expected)
    {
        // Given a resource whose service, type and name Ward knows only to begin with `bigquery.googleapis.com`,
        // `bigquery.googleapis.com/` and `projects/ct-data/`, unless empty (a resource type that does not recognize
        // resource attributes)
        var context = new ConditionContext
        {
            RequestTime = Bucket.RequestTime,
            ResourceServicePrefix = "bigquery.googleapis.com",
            ResourceTypePrefix = "bigquery.googleapis.com/",
            ResourceNamePrefix = "projects/ct-data/",
        };

        // Then a comparison with a text that does not begin so is decided, and one with a text that may, or the empty one, is not
        Assert.Equal(expected, IamCondition.Parse(expression).Evaluate(context).Truth);
    }

    [Theory]
    [InlineData("3600s", 3600)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5h", 5400)]
    [InlineData("-90s", -90)]
    [InlineData("250ms", 0.25)]
    public void Durations_read_as_CEL_writes_them(string text, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), CelEvaluator.ParseDuration(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10d")]
    [InlineData("h")]
    public void Malformed_durations_are_refused(string text)
    {
        Assert.Null(CelEvaluator.ParseDuration(text));
    }
}
