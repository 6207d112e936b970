using Ward.Aws.Policy.Matching;

namespace Ward.Aws.Policy.Evaluation;

/// <summary>
/// Substitutes policy variables (<c>${aws:username}</c>, <c>${aws:PrincipalTag/team}</c>, <c>${key, 'default'}</c>,
/// and the escapes <c>${*}</c>, <c>${?}</c>, <c>${$}</c>) from the request context. Only Version 2012-10-17 policies
/// have variables; in older ones the text is literal.
/// </summary>
public static class PolicyVariables
{
    // A policy's texts are resolved for every request that reaches their statement: each is split into its literal
    // parts and variables once.
    private static readonly BoundedCache<(string Text, bool AsPattern), Template> Templates = new(100_000);

    public static bool Contains(string text) => text.Contains("${", StringComparison.Ordinal);

    /// <summary>
    /// Resolves <paramref name="text"/>. With <paramref name="asPattern"/>, literal <c>*</c>/<c>?</c> of the policy
    /// become wildcards while substituted values stay literal.
    /// </summary>
    /// <returns>Present when resolved; Absent when a variable has no value and no default (the text can never
    /// match); Unknown when a variable's key is unknown in an open context.</returns>
    public static KeyState Resolve(string text, bool asPattern, RequestContext context, out string result, out string? missingKey) =>
        Resolve(string.Empty, text, asPattern, context, out result, out missingKey);

    /// <summary>
    /// Resolves <paramref name="text"/> as <see cref="Resolve(string, bool, RequestContext, out string, out string?)"/>
    /// does and puts <paramref name="prefix"/>, taken as it is, before it.
    /// </summary>
    public static KeyState Resolve(string prefix, string text, bool asPattern, RequestContext context, out string result, out string? missingKey)
    {
        var state = Resolve(prefix, text, asPattern, context, stackalloc char[256], out var resolved, out missingKey);
        result = resolved.ToString();
        return state;
    }

    /// <summary>
    /// <see cref="Resolve(string, string, bool, RequestContext, out string, out string?)"/> without making a string:
    /// the result is written to <paramref name="scratch"/> when it fits, else to a new array (resource patterns are
    /// resolved for every request that reaches their statement, and matched once).
    /// </summary>
    public static KeyState Resolve(string prefix, string text, bool asPattern, RequestContext context, Span<char> scratch, out ReadOnlySpan<char> result, out string? missingKey)
    {
        var template = TemplateOf(text, asPattern);
        var state = Write(prefix, template, context, scratch, out var length, out missingKey);
        if (length > scratch.Length)
        {
            scratch = new char[length];
            Write(prefix, template, context, scratch, out length, out missingKey);
        }

        result = scratch[..length];
        return state;
    }

    /// <summary>Writes what fits and counts the whole length, so that a second try with room enough writes it all.</summary>
    private static KeyState Write(string prefix, Template template, RequestContext context, Span<char> destination, out int length, out string? missingKey)
    {
        var state = KeyState.Present;
        missingKey = null;
        length = 0;
        Append(prefix, destination, ref length);
        foreach (var part in template.Parts)
        {
            if (part.Key is null)
            {
                Append(part.Text, destination, ref length);
                continue;
            }

            var lookup = context.Lookup(part.Key, out var value);
            if (lookup == KeyState.Present && !value.IsMultivalued)
            {
                Append(value.Text, destination, ref length);
            }
            else if (part.Default is not null && lookup != KeyState.Unknown)
            {
                Append(part.Default, destination, ref length);
            }
            else
            {
                missingKey = part.Key;
                if (lookup == KeyState.Unknown)
                {
                    state = KeyState.Unknown;
                }
                else if (state == KeyState.Present)
                {
                    state = KeyState.Absent;
                }

                Append(part.Text, destination, ref length);
            }
        }

        return state;

        static void Append(ReadOnlySpan<char> text, Span<char> destination, ref int length)
        {
            if (length + text.Length <= destination.Length)
            {
                text.CopyTo(destination[length..]);
            }

            length += text.Length;
        }
    }

    private static Template TemplateOf(string text, bool asPattern)
    {
        if (Templates.TryGetValue((text, asPattern), out var known))
        {
            return known;
        }

        var made = Parse(text, asPattern);
        Templates.Add((text, asPattern), made);

        return made;
    }

    private static Template Parse(string text, bool asPattern)
    {
        var parts = new List<Part>();
        var literal = new System.Text.StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = text.IndexOf('}', i + 2);
                if (end < 0)
                {
                    literal.Append(c);
                    i++;
                    continue;
                }

                var inner = text.AsSpan(i + 2, end - i - 2);
                switch (inner)
                {
                    case "*":
                        literal.Append('*');
                        break;
                    case "?":
                        literal.Append('?');
                        break;
                    case "$":
                        literal.Append('$');
                        break;
                    default:
                        if (literal.Length > 0)
                        {
                            parts.Add(new Part(literal.ToString(), null, null));
                            literal.Clear();
                        }

                        // Unresolved, the variable stays in the text as written.
                        var (key, fallback) = SplitDefault(inner);
                        parts.Add(new Part(text[i..(end + 1)], key, fallback));
                        break;
                }

                i = end + 1;
                continue;
            }

            literal.Append(asPattern ? c switch
            {
                '*' => Wildcard.AnyRun,
                '?' => Wildcard.AnyOne,
                _ => c,
            } : c);
            i++;
        }

        if (literal.Length > 0)
        {
            parts.Add(new Part(literal.ToString(), null, null));
        }

        return new Template([.. parts]);
    }

    private static (string Key, string? Default) SplitDefault(ReadOnlySpan<char> inner)
    {
        var comma = inner.IndexOf(',');
        if (comma < 0)
        {
            return (inner.Trim().ToString(), null);
        }

        var key = inner[..comma].Trim().ToString();
        var rest = inner[(comma + 1)..].Trim();
        if (rest.Length >= 2 && rest[0] == '\'' && rest[^1] == '\'')
        {
            return (key, rest[1..^1].ToString());
        }

        return (key, null);
    }

    /// <summary>Literal text (no key), or a variable: its key, its default, and its text as written.</summary>
    private sealed record Part(string Text, string? Key, string? Default);

    private sealed record Template(Part[] Parts);
}
