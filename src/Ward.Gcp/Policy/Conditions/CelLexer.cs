using System.Globalization;
using System.Text;

namespace Ward.Gcp.Policy.Conditions;

/// <summary>Splits a CEL expression into tokens; a character CEL does not allow is reported with its position.</summary>
internal static class CelLexer
{
    // Longest first, so `<=` is not read as `<` then `=`.
    private static readonly string[] Punctuation = ["&&", "||", "==", "!=", "<=", ">=", "(", ")", "[", "]", "{", "}", ".", ",", ":", "?", "!", "-", "+", "*", "/", "%", "<", ">"];

    public static bool TryTokenize(string text, out List<CelToken> tokens, out string? error)
    {
        tokens = [];
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsAsciiLetter(c) || c == '_')
            {
                // A raw string `r"…"`: no escapes.
                if ((c is 'r' or 'R') && i + 1 < text.Length && text[i + 1] is '"' or '\'')
                {
                    if (!TryString(text, i + 1, raw: true, out var rawValue, out i, out error))
                    {
                        return false;
                    }

                    tokens.Add(new CelToken(CelTokenKind.String, text[start..i], start, i, rawValue));
                    continue;
                }

                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new CelToken(CelTokenKind.Identifier, text[start..i], start, i));
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                if (!TryNumber(text, ref i, out var token, out error))
                {
                    return false;
                }

                tokens.Add(token);
                continue;
            }

            if (c is '"' or '\'')
            {
                if (!TryString(text, i, raw: false, out var value, out i, out error))
                {
                    return false;
                }

                tokens.Add(new CelToken(CelTokenKind.String, text[start..i], start, i, value));
                continue;
            }

            var punctuation = Array.Find(Punctuation, p => string.CompareOrdinal(text, i, p, 0, p.Length) == 0);
            if (punctuation is null)
            {
                error = $"unexpected character `{c}` at position {i}";
                return false;
            }

            i += punctuation.Length;
            tokens.Add(new CelToken(CelTokenKind.Punctuation, punctuation, start, i));
        }

        tokens.Add(new CelToken(CelTokenKind.End, string.Empty, text.Length, text.Length));
        error = null;
        return true;
    }

    private static bool TryNumber(string text, ref int i, out CelToken token, out string? error)
    {
        var start = i;
        token = default;
        error = null;
        if (text[i] == '0' && i + 1 < text.Length && text[i + 1] is 'x' or 'X')
        {
            i += 2;
            while (i < text.Length && char.IsAsciiHexDigit(text[i]))
            {
                i++;
            }

            SkipUnsignedSuffix(text, ref i);
            if (!long.TryParse(text.AsSpan(start + 2, i - start - 2).TrimEnd("uU"), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            {
                error = $"malformed number `{text[start..i]}` at position {start}";
                return false;
            }

            token = new CelToken(CelTokenKind.Int, text[start..i], start, i, hex);
            return true;
        }

        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        var isDouble = false;
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            isDouble = true;
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            isDouble = true;
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        var literal = text[start..i];
        if (isDouble)
        {
            if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                error = $"malformed number `{literal}` at position {start}";
                return false;
            }

            token = new CelToken(CelTokenKind.Double, literal, start, i, d);
            return true;
        }

        SkipUnsignedSuffix(text, ref i);
        if (!long.TryParse(literal, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            error = $"number `{literal}` at position {start} is out of range";
            return false;
        }

        token = new CelToken(CelTokenKind.Int, text[start..i], start, i, n);
        return true;
    }

    private static void SkipUnsignedSuffix(string text, ref int i)
    {
        if (i < text.Length && text[i] is 'u' or 'U')
        {
            i++;
        }
    }

    private static bool TryString(string text, int quoteAt, bool raw, out string value, out int end, out string? error)
    {
        var quote = text[quoteAt];
        var builder = new StringBuilder();
        value = string.Empty;
        error = null;
        end = quoteAt;
        if (string.CompareOrdinal(text, quoteAt, new string(quote, 3), 0, 3) == 0)
        {
            error = $"triple-quoted strings (position {quoteAt}) are not supported";
            return false;
        }

        for (var i = quoteAt + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == quote)
            {
                value = builder.ToString();
                end = i + 1;
                return true;
            }

            if (c is '\n' or '\r')
            {
                break;
            }

            if (c != '\\' || raw)
            {
                builder.Append(c);
                continue;
            }

            if (++i >= text.Length)
            {
                break;
            }

            var escaped = text[i] switch
            {
                '\\' => "\\",
                '"' => "\"",
                '\'' => "'",
                '`' => "`",
                '?' => "?",
                'n' => "\n",
                't' => "\t",
                'r' => "\r",
                'a' => "\a",
                'b' => "\b",
                'f' => "\f",
                'v' => "\v",
                _ => null,
            };
            if (escaped is null)
            {
                error = $"unsupported escape `\\{text[i]}` at position {i - 1}";
                return false;
            }

            builder.Append(escaped);
        }

        error = $"string starting at position {quoteAt} is not closed";
        return false;
    }
}
