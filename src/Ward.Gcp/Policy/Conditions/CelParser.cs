using System.Collections.Immutable;

namespace Ward.Gcp.Policy.Conditions;

/// <summary>
/// Parses a CEL expression (the grammar of the CEL language definition: conditional, <c>||</c>, <c>&amp;&amp;</c>,
/// relations, arithmetic, unary, member access, calls, indexing, list and map literals). The whole grammar is read
/// so that a condition using functions Ward does not evaluate still parses, and the evaluator can say which part it
/// could not decide. Text that is not CEL gives an error with its position, never an exception to the caller.
/// </summary>
internal sealed class CelParser
{
    // Deeper nesting, or longer chains of operators, than any real condition: they keep hostile input from exhausting
    // the stack (the evaluator recurses along chains too).
    private const int MaxDepth = 100;
    private const int MaxChain = 500;

    private static readonly string[] Relations = ["==", "!=", "<", "<=", ">", ">="];

    private readonly List<CelToken> _tokens;
    private int _next;
    private int _depth;

    private CelParser(List<CelToken> tokens) => _tokens = tokens;

    public static bool TryParse(string text, out CelNode? node, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        node = null;
        if (!CelLexer.TryTokenize(text, out var tokens, out error))
        {
            return false;
        }

        if (tokens.Count == 1)
        {
            error = "the expression is empty";
            return false;
        }

        var parser = new CelParser(tokens);
        try
        {
            var parsed = parser.Expression();
            if (parser.Peek.Kind != CelTokenKind.End)
            {
                throw new SyntaxError($"unexpected `{parser.Peek.Text}` at position {parser.Peek.Start}");
            }

            node = parsed;
            return true;
        }
        catch (SyntaxError e)
        {
            error = e.Message;
            return false;
        }
    }

    private CelToken Peek => _tokens[_next];

    private CelToken Take() => _tokens[_next++];

    private bool Accept(string punctuation)
    {
        if (!Peek.Is(punctuation))
        {
            return false;
        }

        _next++;
        return true;
    }

    private CelToken Expect(string punctuation)
    {
        if (!Peek.Is(punctuation))
        {
            throw new SyntaxError(Peek.Kind == CelTokenKind.End
                ? $"expected `{punctuation}` at the end of the expression"
                : $"expected `{punctuation}` at position {Peek.Start}, found `{Peek.Text}`");
        }

        return Take();
    }

    private CelNode Expression()
    {
        if (++_depth > MaxDepth)
        {
            throw new SyntaxError($"the expression is nested more than {MaxDepth} levels deep");
        }

        var test = Or();
        if (Accept("?"))
        {
            var ifTrue = Or();
            Expect(":");
            var ifFalse = Expression();
            test = new CelConditional(test, ifTrue, ifFalse) { Start = test.Start, End = ifFalse.End };
        }

        _depth--;
        return test;
    }

    private CelNode Or() => LeftAssociative(And, ["||"]);

    private CelNode And() => LeftAssociative(Relation, ["&&"]);

    private CelNode Relation()
    {
        var left = Addition();
        for (var length = 0; ; length++)
        {
            Chain(length);
            var op = Peek.Kind == CelTokenKind.Punctuation && Relations.Contains(Peek.Text, StringComparer.Ordinal) ? Peek.Text
                : Peek.Kind == CelTokenKind.Identifier && Peek.Text == "in" ? "in"
                : null;
            if (op is null)
            {
                return left;
            }

            Take();
            var right = Addition();
            left = new CelBinary(op, left, right) { Start = left.Start, End = right.End };
        }
    }

    private CelNode Addition() => LeftAssociative(Multiplication, ["+", "-"]);

    private CelNode Multiplication() => LeftAssociative(Unary, ["*", "/", "%"]);

    private CelNode LeftAssociative(Func<CelNode> operand, string[] operators)
    {
        var left = operand();
        for (var length = 0; Peek.Kind == CelTokenKind.Punctuation && operators.Contains(Peek.Text, StringComparer.Ordinal); length++)
        {
            Chain(length);
            var op = Take().Text;
            var right = operand();
            left = new CelBinary(op, left, right) { Start = left.Start, End = right.End };
        }

        return left;
    }

    private static void Chain(int length)
    {
        if (length > MaxChain)
        {
            throw new SyntaxError($"the expression chains more than {MaxChain} operators");
        }
    }

    private CelNode Unary()
    {
        if (Peek.Is("!") || Peek.Is("-"))
        {
            if (++_depth > MaxDepth)
            {
                throw new SyntaxError($"the expression is nested more than {MaxDepth} levels deep");
            }

            var op = Take();
            var operand = Unary();
            _depth--;
            return new CelUnary(op.Text, operand) { Start = op.Start, End = operand.End };
        }

        return Member();
    }

    private CelNode Member()
    {
        var node = Primary();
        for (var length = 0; ; length++)
        {
            Chain(length);
            if (Accept("."))
            {
                var name = Take();
                if (name.Kind != CelTokenKind.Identifier)
                {
                    throw new SyntaxError($"expected a field or function name after `.` at position {name.Start}");
                }

                if (Accept("("))
                {
                    var arguments = List(")");
                    node = new CelCall(node, name.Text, arguments) { Start = node.Start, End = _tokens[_next - 1].End };
                }
                else
                {
                    node = new CelSelect(node, name.Text) { Start = node.Start, End = name.End };
                }
            }
            else if (Accept("["))
            {
                var index = Expression();
                var close = Expect("]");
                node = new CelIndex(node, index) { Start = node.Start, End = close.End };
            }
            else
            {
                return node;
            }
        }
    }

    private CelNode Primary()
    {
        var token = Take();
        switch (token.Kind)
        {
            case CelTokenKind.String:
                return new CelLiteral(new CelString((string)token.Value!)) { Start = token.Start, End = token.End };
            case CelTokenKind.Int:
                return new CelLiteral(new CelInt((long)token.Value!)) { Start = token.Start, End = token.End };
            case CelTokenKind.Double:
                return new CelLiteral(new CelDouble((double)token.Value!)) { Start = token.Start, End = token.End };
            case CelTokenKind.Identifier:
                switch (token.Text)
                {
                    case "true" or "false":
                        return new CelLiteral(new CelBool(token.Text == "true")) { Start = token.Start, End = token.End };
                    case "null":
                        return new CelLiteral(CelNull.Instance) { Start = token.Start, End = token.End };
                    case "in":
                        throw new SyntaxError($"unexpected `in` at position {token.Start}");
                }

                if (Accept("("))
                {
                    var arguments = List(")");
                    return new CelCall(null, token.Text, arguments) { Start = token.Start, End = _tokens[_next - 1].End };
                }

                return new CelIdentifier(token.Text) { Start = token.Start, End = token.End };
            case CelTokenKind.Punctuation when token.Text == "(":
                var inner = Expression();
                var close = Expect(")");
                return inner with { Start = token.Start, End = close.End };
            case CelTokenKind.Punctuation when token.Text == "[":
                var items = List("]");
                return new CelList(items) { Start = token.Start, End = _tokens[_next - 1].End };
            case CelTokenKind.Punctuation when token.Text == "{":
                return Map(token);
            case CelTokenKind.End:
                throw new SyntaxError("the expression ends where a value was expected");
            default:
                throw new SyntaxError($"unexpected `{token.Text}` at position {token.Start}");
        }
    }

    /// <summary>Comma-separated expressions up to the closing token (a trailing comma allowed); the opening token is read.</summary>
    private ImmutableArray<CelNode> List(string close)
    {
        var items = ImmutableArray.CreateBuilder<CelNode>();
        while (!Accept(close))
        {
            items.Add(Expression());
            if (!Accept(","))
            {
                Expect(close);
                break;
            }
        }

        return items.ToImmutable();
    }

    private CelMap Map(CelToken open)
    {
        var entries = ImmutableArray.CreateBuilder<(CelNode, CelNode)>();
        while (!Accept("}"))
        {
            var key = Expression();
            Expect(":");
            entries.Add((key, Expression()));
            if (!Accept(","))
            {
                Expect("}");
                break;
            }
        }

        return new CelMap(entries.ToImmutable()) { Start = open.Start, End = _tokens[_next - 1].End };
    }

    private sealed class SyntaxError(string message) : Exception(message);
}
