using System.Collections.Immutable;

namespace Ward.Gcp.Policy.Conditions;

/// <summary>
/// A workload identity provider's attribute mapping and attribute condition, parsed once and decided per token the
/// way Google does: each mapping (<c>google.subject</c>, <c>attribute.NAME</c> …) is evaluated over the token's claims
/// (<c>assertion.*</c>), then the condition over the claims and the mapped values. A claim the token lacks is an error,
/// as in CEL, and a condition that ends in an error refuses the token (Google accepts a token only when the condition
/// is true); a claim Ward does not know, or a mapping it cannot evaluate, is unknown, and the condition with it unless
/// the rest decides it.
/// </summary>
public sealed class WorkloadIdentityCondition
{
    private readonly CelNode? _condition;
    private readonly ImmutableArray<(string Attribute, string Expression, CelNode? Root, string? ParseError)> _mappings;

    private WorkloadIdentityCondition(string condition, CelNode? root, string? parseError, ImmutableArray<(string, string, CelNode?, string?)> mappings)
    {
        Condition = condition;
        _condition = root;
        ParseError = parseError;
        _mappings = mappings;
        StringLiterals = [.. new[] { root }.Concat(mappings.Select(m => m.Item3)).OfType<CelNode>().SelectMany(Literals).Distinct(StringComparer.Ordinal)];
    }

    public string Condition { get; }

    /// <summary>Why the condition could not be parsed (with the position), or null.</summary>
    public string? ParseError { get; }

    /// <summary>The string constants of the condition and the mappings, each once, in order: what a token would have to match.</summary>
    public ImmutableArray<string> StringLiterals { get; }

    public static WorkloadIdentityCondition Parse(string condition, IReadOnlyDictionary<string, string> mapping)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(mapping);
        var mappings = mapping.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => CelParser.TryParse(m.Value, out var root, out var error) ? (m.Key, m.Value, root, (string?)null) : (m.Key, m.Value, (CelNode?)null, error))
            .ToImmutableArray();
        return CelParser.TryParse(condition, out var node, out var parseError)
            ? new WorkloadIdentityCondition(condition, node, null, mappings)
            : new WorkloadIdentityCondition(condition, null, parseError, mappings);
    }

    /// <summary>Whether the provider accepts a token with these claims (by name, without <c>assertion.</c>; see <see cref="ConditionContext.Claims"/> for the values).</summary>
    public ConditionResult Evaluate(IReadOnlyDictionary<string, object?> claims, DateTimeOffset requestTime)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (_condition is null)
        {
            return new ConditionResult(ConditionTruth.Undecided, [$"the condition could not be parsed: {ParseError}"]);
        }

        var values = claims.ToDictionary(c => "assertion." + c.Key, c => c.Value, StringComparer.Ordinal);
        var unknown = new Dictionary<string, string>(StringComparer.Ordinal);
        var assertion = new ConditionContext { RequestTime = requestTime, Claims = values.ToImmutableDictionary(StringComparer.Ordinal) };
        foreach (var (attribute, expression, root, error) in _mappings)
        {
            if (root is null)
            {
                unknown[attribute] = $"the mapping of `{attribute}`, `{expression}`, could not be parsed: {error}";
                continue;
            }

            switch (new CelEvaluator(expression, assertion).Evaluate(root))
            {
                case CelString s:
                    values[attribute] = s.Value;
                    break;
                case CelListValue list when list.Items.All(i => i is CelString):
                    values[attribute] = list.Items.Select(i => ((CelString)i).Value).ToImmutableArray();
                    break;
                case CelUnknown u:
                    unknown[attribute] = $"the mapping of `{attribute}`, `{expression}`, is not decided ({string.Join("; ", u.Reasons)})";
                    break;
                case CelError e:
                    unknown[attribute] = $"the mapping of `{attribute}`, `{expression}`, gives an error ({e.Message})";
                    break;
                case var other:
                    unknown[attribute] = $"the mapping of `{attribute}`, `{expression}`, gives a {other.TypeName}, not a string";
                    break;
            }
        }

        var context = new ConditionContext { RequestTime = requestTime, Claims = values, ClaimUnknownBecause = unknown };
        return new CelEvaluator(Condition, context).Evaluate(_condition) switch
        {
            CelBool b => b.Value ? ConditionResult.True : ConditionResult.False,
            CelUnknown u => new ConditionResult(ConditionTruth.Undecided, u.Reasons),
            // Google accepts a token only when the condition evaluates to true: an error (a claim the token lacks) refuses it.
            CelError e => ConditionResult.False with { Facts = [$"evaluation error: {e.Message}"] },
            var other => new ConditionResult(ConditionTruth.Undecided, [$"the condition gives a {other.TypeName}, not a bool"]),
        };
    }

    private static IEnumerable<string> Literals(CelNode node) => node switch
    {
        CelLiteral { Value: CelString s } => [s.Value],
        CelSelect select => Literals(select.Target),
        CelCall call => (call.Target is { } target ? Literals(target) : []).Concat(call.Arguments.SelectMany(Literals)),
        CelIndex index => Literals(index.Target).Concat(Literals(index.Index)),
        CelList list => list.Items.SelectMany(Literals),
        CelMap map => map.Entries.SelectMany(e => Literals(e.Key).Concat(Literals(e.Value))),
        CelUnary unary => Literals(unary.Operand),
        CelBinary binary => Literals(binary.Left).Concat(Literals(binary.Right)),
        CelConditional conditional => Literals(conditional.Test).Concat(Literals(conditional.IfTrue)).Concat(Literals(conditional.IfFalse)),
        _ => [],
    };
}
