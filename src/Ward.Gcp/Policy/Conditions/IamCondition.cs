namespace Ward.Gcp.Policy.Conditions;

/// <summary>
/// The condition of an allow policy binding, parsed once and decided per request (docs/gcp/evaluation.md). Decided:
/// <c>request.time</c> against <c>timestamp("…")</c> (and durations added to it) and its date and time fields
/// (<c>getHours</c>, <c>getDayOfWeek</c> … in UTC or a time zone the machine knows), <c>resource.name</c> with
/// <c>==</c>, <c>!=</c>, <c>startsWith</c>, <c>endsWith</c>, <c>extract</c>, <c>resource.type</c>,
/// <c>resource.service</c>, the resource's tags (<c>resource.matchTag</c>, <c>matchTagId</c>, <c>hasTagKey</c>,
/// <c>hasTagKeyId</c>) when the context knows them, combined with <c>&amp;&amp;</c>, <c>||</c>, <c>!</c>, parentheses, <c>in</c> lists and
/// <c>? :</c>. Anything else (tags Ward does not know, <c>api.getAttribute</c>, a time zone the machine does not know, request
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
        return evaluator.Evaluate(_root) switch
        {
            CelBool b => (b.Value ? ConditionResult.True : ConditionResult.False) with { Facts = [.. evaluator.Facts] },
            CelUnknown u => new ConditionResult(ConditionTruth.Undecided, u.Reasons),
            CelError e => new ConditionResult(ConditionTruth.Undecided, [$"evaluation error: {e.Message}"]),
            var other => new ConditionResult(ConditionTruth.Undecided, [$"the condition gives a {other.TypeName}, not a bool"]),
        };
    }
}
