using System.Globalization;

namespace Ward.Gcp.Policy.Conditions;

/// <summary>
/// The condition of an allow policy binding, parsed once and decided per request (docs/gcp/evaluation.md). Decided:
/// <c>request.time</c> against <c>timestamp("…")</c> (and durations added to it) and its year (<c>getFullYear</c>, in
/// UTC or a time zone the machine knows), <c>resource.name</c> with
/// <c>==</c>, <c>!=</c>, <c>startsWith</c>, <c>endsWith</c>, <c>extract</c>, <c>resource.type</c>,
/// <c>resource.service</c>, the resource's tags (<c>resource.matchTag</c>, <c>matchTagId</c>, <c>hasTagKey</c>,
/// <c>hasTagKeyId</c>) when the context knows them, combined with <c>&amp;&amp;</c>, <c>||</c>, <c>!</c>, parentheses, <c>in</c> lists and
/// <c>? :</c>. The fields of <c>request.time</c> that recur (<c>getHours</c>, <c>getDayOfWeek</c>, <c>getMonth</c> …) are
/// not decided by the reference time: IAM reads them on every request, so a window of hours or days is undecided, with
/// whether it holds at the reference time. Anything else (tags Ward does not know, <c>api.getAttribute</c>, a time zone the machine does not know, request
/// attributes such as <c>request.host</c>) leaves the condition undecided, naming what was not decided, unless the rest decides it
/// (<c>false &amp;&amp; x</c> is false whatever <c>x</c> is, as in CEL). Text that is not CEL leaves it undecided too,
/// with the parse error.
/// </summary>
public sealed class IamCondition
{
    private readonly CelNode? _root;

    private IamCondition(string expression, CelNode? root, string? parseError)
    {
        Expression = expression;
        _root = root;
        ParseError = parseError;
        Expiry = root is null ? null : ConditionExpiry.Of(expression, root);
    }

    public string Expression { get; }

    /// <summary>Why the expression could not be parsed (with the position), or null.</summary>
    public string? ParseError { get; }

    /// <summary>The time after which the condition can never hold again, when a top-level clause bounds <c>request.time</c> from above; null otherwise.</summary>
    public ConditionExpiry? Expiry { get; }

    /// <summary>
    /// Whether a condition's text calls a tag function (<c>matchTag</c>, <c>matchTagId</c>, <c>hasTagKey</c>,
    /// <c>hasTagKeyId</c>): a cheap first look, before anything is parsed, for the techniques that change tags.
    /// </summary>
    public static bool MentionsTags(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return expression.Contains("matchTag", StringComparison.Ordinal) || expression.Contains("hasTagKey", StringComparison.Ordinal);
    }

    public static IamCondition Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return CelParser.TryParse(expression, out var root, out var error)
            ? new IamCondition(expression, root, null)
            : new IamCondition(expression, null, error);
    }

    public ConditionResult Evaluate(ConditionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_root is null)
        {
            return new ConditionResult(ConditionTruth.Undecided, [$"the condition could not be parsed: {ParseError}"]);
        }

        var evaluator = new CelEvaluator(Expression, context);
        var result = evaluator.Evaluate(_root) switch
        {
            CelBool b => (b.Value ? ConditionResult.True : ConditionResult.False) with { Facts = [.. evaluator.Facts] },
            CelUnknown u => new ConditionResult(ConditionTruth.Undecided, u.Reasons),
            CelError e => new ConditionResult(ConditionTruth.Undecided, [$"evaluation error: {e.Message}"]),
            var other => new ConditionResult(ConditionTruth.Undecided, [$"the condition gives a {other.TypeName}, not a bool"]),
        };
        if (result.Truth != ConditionTruth.Undecided || !evaluator.ReadRecurring)
        {
            return result;
        }

        // A window of hours or days is not decided by one time, but whether the reference time falls in it helps the reader.
        if (new CelEvaluator(Expression, context, recurringAtReferenceTime: true).Evaluate(_root) is not CelBool atReference)
        {
            return result;
        }

        var time = context.RequestTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return result with
        {
            Undecided = result.Undecided.Add($"at the reference time {time} it {(atReference.Value ? "holds" : "does not hold")}"),
            HoldsAtReferenceTime = atReference.Value,
        };
    }
}
