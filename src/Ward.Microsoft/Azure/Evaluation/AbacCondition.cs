using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Ward.Microsoft.Azure.Evaluation;

/// <summary>
/// An ABAC condition of a role or deny assignment (condition version 2.0 syntax), parsed once and evaluated in
/// three values against a request: it holds, it does not, or it depends on attributes nobody gave. What Ward
/// decides:
/// <list type="bullet">
/// <item><c>ActionMatches{'…'}</c> (with <c>*</c> wildcards) against the request's action;</item>
/// <item><c>SubOperationMatches{'…'}</c> against the request's sub-operation (a request without one matches none);</item>
/// <item><c>@Source[attribute] [ForAnyOfAnyValues:|ForAllOfAnyValues:|ForAnyOfAllValues:|ForAllOfAllValues:]Operator value</c>
/// for the String, Guid, Numeric and Bool operators, when the request gives the attribute. A negated operator
/// (<c>StringNotEquals</c>, <c>GuidNotEquals</c>, …) is the comparison the quantifier applies to, pair by pair, as the
/// condition format defines the cross product operators: <c>ForAnyOfAllValues:GuidNotEquals {Owner, UAA}</c> holds when
/// the requested role differs from every listed one ("none of these", Microsoft's "allow all roles except" example).
/// <c>ForAnyOfAnyValues:</c> with a negated operator and two or more values is the exception: read pair by pair it holds
/// for every single value (Owner differs from UAA), yet an earlier version of that same Microsoft example used it to
/// mean "none of these". Where the two readings disagree (the value is one of the listed ones) Ward does not pick
/// one: the comparison is undecided and <see cref="Evaluate(AzureRequest, ICollection{string}?)"/> says why;</item>
/// <item><c>Exists</c>/<c>NotExists</c> of a given attribute; <c>!</c>/<c>NOT</c>, <c>AND</c>/<c>&amp;&amp;</c>, <c>OR</c>/<c>||</c>, parentheses.</item>
/// </list>
/// Anything else (an unknown operator, an attribute not given, text that does not parse) is undecided.
/// </summary>
internal sealed class AbacCondition
{
    private readonly Node? _root;

    private AbacCondition(string text, Node? root, string? problem)
    {
        Text = text;
        _root = root;
        Problem = problem;
    }

    public string Text { get; }

    /// <summary>Why the condition could not be parsed; null when it was.</summary>
    public string? Problem { get; }

    /// <summary>The condition on one line, for messages and requirements.</summary>
    public string OneLine => string.Join(' ', Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static AbacCondition Parse(string text)
    {
        var parser = new Parser(text);
        try
        {
            var root = parser.ParseExpression();
            parser.SkipSpace();
            return parser.AtEnd ? new AbacCondition(text, root, null) : new AbacCondition(text, null, $"unexpected `{parser.Rest(20)}` at character {parser.Position + 1}");
        }
        catch (FormatException exception)
        {
            return new AbacCondition(text, null, exception.Message);
        }
    }

    public Truth Evaluate(AzureRequest request) => Evaluate(request, ambiguities: null);

    /// <summary>Evaluates the condition, adding to <paramref name="ambiguities"/> each comparison Ward left undecided because Microsoft's documentation reads it two ways for this request.</summary>
    public Truth Evaluate(AzureRequest request, ICollection<string>? ambiguities) => _root?.Evaluate(request, ambiguities) ?? Truth.Unknown;

    internal enum Truth
    {
        False,
        True,
        Unknown,
    }

    private abstract class Node
    {
        public abstract Truth Evaluate(AzureRequest request, ICollection<string>? ambiguities);
    }

    private sealed class All(ImmutableArray<Node> parts) : Node
    {
        public override Truth Evaluate(AzureRequest request, ICollection<string>? ambiguities)
        {
            var result = Truth.True;
            foreach (var part in parts)
            {
                var truth = part.Evaluate(request, ambiguities);
                if (truth == Truth.False)
                {
                    return Truth.False;
                }

                if (truth == Truth.Unknown)
                {
                    result = Truth.Unknown;
                }
            }

            return result;
        }
    }

    private sealed class Any(ImmutableArray<Node> parts) : Node
    {
        public override Truth Evaluate(AzureRequest request, ICollection<string>? ambiguities)
        {
            var result = Truth.False;
            foreach (var part in parts)
            {
                var truth = part.Evaluate(request, ambiguities);
                if (truth == Truth.True)
                {
                    return Truth.True;
                }

                if (truth == Truth.Unknown)
                {
                    result = Truth.Unknown;
                }
            }

            return result;
        }
    }

    private sealed class Not(Node inner) : Node
    {
        public override Truth Evaluate(AzureRequest request, ICollection<string>? ambiguities) => Negate(inner.Evaluate(request, ambiguities));
    }

    private sealed class ActionMatches(ImmutableArray<string> patterns) : Node
    {
        public override Truth Evaluate(AzureRequest request, ICollection<string>? ambiguities) => Of(patterns.Any(p => ActionPattern.Matches(p, request.Action)));
    }

    private sealed class SubOperationMatches(ImmutableArray<string> names) : Node
    {
        public override Truth Evaluate(AzureRequest request, ICollection<string>? ambiguities) =>
            Of(request.SubOperation is { } sub && names.Any(n => string.Equals(n, sub, StringComparison.OrdinalIgnoreCase)));
    }

    private sealed class Exists(string attribute, bool negated) : Node
    {
        public override Truth Evaluate(AzureRequest request, ICollection<string>? ambiguities) =>
            request.Attributes.ContainsKey(attribute) ? Of(!negated) : Truth.Unknown;
    }

    private sealed class Comparison(string attribute, string? quantifier, string function, ImmutableArray<string> values) : Node
    {
        public override Truth Evaluate(AzureRequest request, ICollection<string>? ambiguities)
        {
            if (!request.Attributes.TryGetValue(attribute, out var actual))
            {
                return Truth.Unknown;
            }

            var (positive, negated) = Positive(function);
            if (positive is null)
            {
                return Truth.Unknown;
            }

            Func<string, string, bool?> compare = positive switch
            {
                "StringEquals" => (a, b) => string.Equals(a, b, StringComparison.Ordinal),
                "StringEqualsIgnoreCase" => (a, b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase),
                "StringLike" => (a, b) => Like(b, a),
                "StringStartsWith" => (a, b) => a.StartsWith(b, StringComparison.Ordinal),
                "StringStartsWithIgnoreCase" => (a, b) => a.StartsWith(b, StringComparison.OrdinalIgnoreCase),
                "GuidEquals" => (a, b) => Guid.TryParse(a, out var x) && Guid.TryParse(b, out var y) ? x == y : null,
                "BoolEquals" => (a, b) => bool.TryParse(a, out var x) && bool.TryParse(b, out var y) ? x == y : null,
                "NumericEquals" => (a, b) => Numeric(a, b, c => c == 0),
                "NumericLessThan" => (a, b) => Numeric(a, b, c => c < 0),
                "NumericLessThanEquals" => (a, b) => Numeric(a, b, c => c <= 0),
                "NumericGreaterThan" => (a, b) => Numeric(a, b, c => c > 0),
                "NumericGreaterThanEquals" => (a, b) => Numeric(a, b, c => c >= 0),
                _ => (_, _) => null,
            };

            // A value that is not of the operator's type (a non-GUID for GuidEquals) leaves the comparison undecided.
            var table = actual.Select(a => values.Select(b => compare(a, b)).ToList()).ToList();
            if (table.Exists(row => row.Exists(v => v is null)))
            {
                return Truth.Unknown;
            }

            // A negated operator (GuidNotEquals...) is itself the comparison the quantifier applies to, pair by pair:
            // `ForAnyOfAllValues:GuidNotEquals {a, b}` holds when some value differs from every listed one.
            bool Holds(int i, int j) => table[i][j]!.Value != negated;
            var rows = Enumerable.Range(0, actual.Length);
            var columns = Enumerable.Range(0, values.Length);
            var result = quantifier switch
            {
                "ForAnyOfAllValues" => rows.Any(i => columns.All(j => Holds(i, j))),
                "ForAllOfAnyValues" => rows.All(i => columns.Any(j => Holds(i, j))),
                "ForAllOfAllValues" => rows.All(i => columns.All(j => Holds(i, j))),

                // ForAnyOfAnyValues, and a plain single-valued comparison.
                _ => rows.Any(i => columns.Any(j => Holds(i, j))),
            };

            // `ForAnyOfAnyValues:GuidNotEquals {Owner, RBAC Administrator, UAA}` is what Microsoft's "allow all roles
            // except" delegation example once wrote to mean "none of these" (it now writes ForAnyOfAllValues), while the
            // condition format defines ForAnyOfAnyValues pair by pair, under which Owner passes because it differs from
            // UAA. Such conditions are still assigned; where the readings disagree, neither is reported as fact.
            if (negated && string.Equals(quantifier, "ForAnyOfAnyValues", StringComparison.Ordinal) && values.Length > 1)
            {
                var noneOfThese = rows.Any(i => columns.All(j => Holds(i, j)));
                if (result != noneOfThese)
                {
                    ambiguities?.Add($"`{attribute} {quantifier}:{function} {{{string.Join(", ", values)}}}` is read two ways for `{string.Join(", ", actual)}`: "
                        + "pair by pair, as the condition format defines ForAnyOfAnyValues, it holds (a value differs from another listed one); "
                        + "as \"none of these\", as Microsoft's \"allow all roles except\" delegation example once used this operator (it now uses ForAnyOfAllValues), it does not");
                    return Truth.Unknown;
                }
            }

            return Of(result);
        }

        private static (string? Positive, bool Negated) Positive(string function) => function switch
        {
            "StringEquals" or "StringEqualsIgnoreCase" or "StringLike" or "StringStartsWith" or "StringStartsWithIgnoreCase" or "GuidEquals" or "BoolEquals"
                or "NumericEquals" or "NumericLessThan" or "NumericLessThanEquals" or "NumericGreaterThan" or "NumericGreaterThanEquals" => (function, false),
            "StringNotEquals" => ("StringEquals", true),
            "StringNotEqualsIgnoreCase" => ("StringEqualsIgnoreCase", true),
            "StringNotLike" => ("StringLike", true),
            "StringNotStartsWith" => ("StringStartsWith", true),
            "StringNotStartsWithIgnoreCase" => ("StringStartsWithIgnoreCase", true),
            "GuidNotEquals" => ("GuidEquals", true),
            "BoolNotEquals" => ("BoolEquals", true),
            "NumericNotEquals" => ("NumericEquals", true),
            _ => (null, false),
        };

        private static bool? Numeric(string a, string b, Func<int, bool> test) =>
            decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var x) && decimal.TryParse(b, NumberStyles.Number, CultureInfo.InvariantCulture, out var y)
                ? test(x.CompareTo(y))
                : null;

        // `*` any run, `?` one character; `\*` and `\?` are literal (condition format, "Special characters").
        private static bool Like(string pattern, string text)
        {
            var regex = new StringBuilder("^");
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == '\\' && i + 1 < pattern.Length && pattern[i + 1] is '*' or '?')
                {
                    regex.Append(System.Text.RegularExpressions.Regex.Escape(pattern[++i].ToString()));
                }
                else
                {
                    regex.Append(c switch
                    {
                        '*' => ".*",
                        '?' => ".",
                        _ => System.Text.RegularExpressions.Regex.Escape(c.ToString()),
                    });
                }
            }

            return System.Text.RegularExpressions.Regex.IsMatch(text, regex.Append('$').ToString(), System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
    }

    private static Truth Of(bool value) => value ? Truth.True : Truth.False;

    private static Truth Negate(Truth truth) => truth switch
    {
        Truth.True => Truth.False,
        Truth.False => Truth.True,
        _ => Truth.Unknown,
    };

    private sealed class Parser(string text)
    {
        public int Position { get; private set; }

        public bool AtEnd => Position >= text.Length;

        public string Rest(int length) => text.Substring(Position, Math.Min(length, text.Length - Position));

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[Position]))
            {
                Position++;
            }
        }

        public Node ParseExpression()
        {
            var parts = ImmutableArray.CreateBuilder<Node>();
            parts.Add(ParseAnd());
            while (TryKeyword("OR") || TrySymbol("||"))
            {
                parts.Add(ParseAnd());
            }

            return parts.Count == 1 ? parts[0] : new Any(parts.ToImmutable());
        }

        private Node ParseAnd()
        {
            var parts = ImmutableArray.CreateBuilder<Node>();
            parts.Add(ParseUnary());
            while (TryKeyword("AND") || TrySymbol("&&"))
            {
                parts.Add(ParseUnary());
            }

            return parts.Count == 1 ? parts[0] : new All(parts.ToImmutable());
        }

        private Node ParseUnary()
        {
            if (TrySymbol("!") || TryKeyword("NOT"))
            {
                return new Not(ParseUnary());
            }

            if (TrySymbol("("))
            {
                var inner = ParseExpression();
                Expect(")");
                return inner;
            }

            if (TryKeyword("ActionMatches"))
            {
                return new ActionMatches(ParseValues());
            }

            if (TryKeyword("SubOperationMatches"))
            {
                return new SubOperationMatches(ParseValues());
            }

            if (TryKeyword("Exists"))
            {
                return new Exists(ParseAttribute(), negated: false);
            }

            if (TryKeyword("NotExists"))
            {
                return new Exists(ParseAttribute(), negated: true);
            }

            var attribute = ParseAttribute();
            var function = ParseWord();
            string? quantifier = null;
            var colon = function.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                quantifier = function[..colon];
                function = function[(colon + 1)..];
            }

            return new Comparison(attribute, quantifier, function, ParseValues());
        }

        private string ParseAttribute()
        {
            SkipSpace();
            if (AtEnd || text[Position] != '@')
            {
                throw new FormatException($"expected an attribute (`@Resource[…]`, `@Request[…]`, …) at character {Position + 1}, found `{Rest(20)}`");
            }

            var close = text.IndexOf(']', Position);
            if (close < 0)
            {
                throw new FormatException($"an attribute opened at character {Position + 1} is not closed with `]`");
            }

            var attribute = text[Position..(close + 1)].Replace(" ", string.Empty, StringComparison.Ordinal);
            Position = close + 1;
            return attribute;
        }

        private string ParseWord()
        {
            SkipSpace();
            var start = Position;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(text[Position]) || text[Position] == ':'))
            {
                Position++;
            }

            return start == Position ? throw new FormatException($"expected an operator at character {start + 1}, found `{Rest(20)}`") : text[start..Position];
        }

        /// <summary>A quoted string, a bare value (GUID, number, boolean) or a <c>{…}</c> list of them.</summary>
        private ImmutableArray<string> ParseValues()
        {
            SkipSpace();
            var values = ImmutableArray.CreateBuilder<string>();
            if (TrySymbol("{"))
            {
                SkipSpace();
                if (TrySymbol("}"))
                {
                    return [];
                }

                do
                {
                    values.Add(ParseValue());
                }
                while (TrySymbol(","));
                Expect("}");
            }
            else
            {
                values.Add(ParseValue());
            }

            return values.ToImmutable();
        }

        private string ParseValue()
        {
            SkipSpace();
            if (AtEnd)
            {
                throw new FormatException("a value is missing at the end of the condition");
            }

            if (text[Position] == '\'')
            {
                var value = new StringBuilder();
                Position++;
                while (!AtEnd && text[Position] != '\'')
                {
                    if (text[Position] == '\\' && Position + 1 < text.Length && text[Position + 1] == '\'')
                    {
                        Position++;
                    }

                    value.Append(text[Position++]);
                }

                Expect("'");
                return value.ToString();
            }

            var start = Position;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(text[Position]) || text[Position] is '-' or '.' or '_' or ':'))
            {
                Position++;
            }

            return start == Position ? throw new FormatException($"expected a value at character {start + 1}, found `{Rest(20)}`") : text[start..Position];
        }

        private bool TryKeyword(string keyword)
        {
            SkipSpace();
            if (string.Compare(text, Position, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) != 0)
            {
                return false;
            }

            var end = Position + keyword.Length;
            if (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
            {
                return false;
            }

            Position = end;
            return true;
        }

        private bool TrySymbol(string symbol)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, Position, symbol, 0, symbol.Length) != 0)
            {
                return false;
            }

            Position += symbol.Length;
            return true;
        }

        private void Expect(string symbol)
        {
            if (!TrySymbol(symbol))
            {
                throw new FormatException($"expected `{symbol}` at character {Position + 1}, found `{(AtEnd ? "the end" : Rest(20))}`");
            }
        }
    }
}
