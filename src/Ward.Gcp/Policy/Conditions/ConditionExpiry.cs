namespace Ward.Gcp.Policy.Conditions;

/// <summary>
/// An upper bound on <c>request.time</c> that a condition cannot hold past: a clause of its top-level conjunction
/// (<c>a &amp;&amp; b &amp;&amp; …</c>, the whole condition when it has no <c>&amp;&amp;</c>) of the form
/// <c>request.time &lt; T</c> or <c>request.time &lt;= T</c> (or <c>T &gt; request.time</c>, <c>T &gt;= request.time</c>),
/// <c>T</c> a constant timestamp (<c>timestamp("…")</c>, plus or minus constant durations). Once <c>T</c> has passed,
/// that clause is false for every later request, and a conjunction with a false clause is false in CEL whatever its
/// other clauses give (errors and unknowns included): the condition never holds again. Any other shape (a
/// disjunction, a negation, the time-of-day functions) gives no expiry, so none is ever claimed wrongly.
/// </summary>
public sealed record ConditionExpiry
{
    /// <summary>The clause as written: <c>request.time &lt; timestamp("2026-06-30T00:00:00Z")</c>.</summary>
    public required string Clause { get; init; }

    /// <summary>The bound <c>T</c>.</summary>
    public required DateTimeOffset Until { get; init; }

    /// <summary>Whether a request at <c>T</c> itself still satisfies the clause (<c>&lt;=</c>).</summary>
    public required bool Inclusive { get; init; }

    /// <summary>Whether no request at or after <paramref name="reference"/> can satisfy the clause.</summary>
    public bool HasPassed(DateTimeOffset reference) => Inclusive ? Until < reference : Until <= reference;

    /// <summary>The earliest bound among the top-level conjuncts of a parsed condition, or null when none is of the form.</summary>
    internal static ConditionExpiry? Of(string source, CelNode root) =>
        Conjuncts(root).Select(c => Bound(source, c)).OfType<ConditionExpiry>().OrderBy(e => e.Until).ThenBy(e => e.Inclusive).FirstOrDefault();

    private static IEnumerable<CelNode> Conjuncts(CelNode node) =>
        node is CelBinary { Operator: "&&" } conjunction ? Conjuncts(conjunction.Left).Concat(Conjuncts(conjunction.Right)) : [node];

    private static ConditionExpiry? Bound(string source, CelNode clause)
    {
        // `request.time < T` and `T > request.time` bound from above; the other directions bound from below.
        var (bound, inclusive) = clause switch
        {
            CelBinary { Operator: "<" or "<=" } b when IsRequestTime(b.Left) => (b.Right, b.Operator == "<="),
            CelBinary { Operator: ">" or ">=" } b when IsRequestTime(b.Right) => (b.Left, b.Operator == ">="),
            _ => ((CelNode?)null, false),
        };
        if (bound is null || !IsConstant(bound))
        {
            return null;
        }

        // A constant needs no request: any context gives the same value.
        var value = new CelEvaluator(source, new ConditionContext { RequestTime = DateTimeOffset.UnixEpoch }).Evaluate(bound);
        return value is CelTimestamp until
            ? new ConditionExpiry { Clause = source[clause.Start..clause.End], Until = until.Value, Inclusive = inclusive }
            : null;
    }

    private static bool IsRequestTime(CelNode node) => node is CelSelect { Field: "time", Target: CelIdentifier { Name: "request" } };

    /// <summary>Whether a node reads no attribute: literals, and calls and operators over literals only.</summary>
    private static bool IsConstant(CelNode node) => node switch
    {
        CelLiteral => true,
        CelCall call => call.Target is null && call.Arguments.All(IsConstant),
        CelUnary unary => IsConstant(unary.Operand),
        CelBinary binary => IsConstant(binary.Left) && IsConstant(binary.Right),
        _ => false,
    };
}
