using System.Text;
using Ward.Aws.Policy.Matching;

namespace Ward.Aws.Policy.Evaluation;

/// <summary>
/// Substitutes policy variables (<c>${aws:username}</c>, <c>${aws:PrincipalTag/team}</c>, <c>${key, 'default'}</c>,
/// and the escapes <c>${*}</c>, <c>${?}</c>, <c>${$}</c>) from the request context. Only Version 2012-10-17 policies
/// have variables; in older ones the text is literal.
/// </summary>
public static class PolicyVariables
{
    public static bool Contains(string text) => text.Contains("${", StringComparison.Ordinal);

    /// <summary>
    /// Resolves <paramref name="text"/>. With <paramref name="asPattern"/>, literal <c>*</c>/<c>?</c> of the policy
    /// become wildcards while substituted values stay literal.
    /// </summary>
    /// <returns>Present when resolved; Absent when a variable has no value and no default (the text can never
    /// match); Unknown when a variable's key is unknown in an open context.</returns>
    public static KeyState Resolve(string text, bool asPattern, RequestContext context, out string result, out string? missingKey)
    {
        missingKey = null;
        var builder = new StringBuilder(text.Length + 16);
        var state = KeyState.Present;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = text.IndexOf('}', i + 2);
                if (end < 0)
                {
                    builder.Append(c);
                    i++;
                    continue;
                }

                var inner = text.AsSpan(i + 2, end - i - 2);
                switch (inner)
                {
                    case "*":
                        builder.Append('*');
                        break;
                    case "?":
                        builder.Append('?');
                        break;
                    case "$":
                        builder.Append('$');
                        break;
                    default:
                        var (key, fallback) = SplitDefault(inner);
                        var lookup = context.Lookup(key, out var value);
                        if (lookup == KeyState.Present && !value.IsMultivalued)
                        {
                            builder.Append(value.Text);
                        }
                        else if (fallback is not null && lookup != KeyState.Unknown)
                        {
                            builder.Append(fallback);
                        }
                        else
                        {
                            missingKey = key;
                            if (lookup == KeyState.Unknown)
                            {
                                state = KeyState.Unknown;
                            }
                            else if (state == KeyState.Present)
                            {
                                state = KeyState.Absent;
                            }

                            builder.Append(text, i, end - i + 1);
                        }

                        break;
                }

                i = end + 1;
                continue;
            }

            builder.Append(asPattern ? c switch
            {
                '*' => Wildcard.AnyRun,
                '?' => Wildcard.AnyOne,
                _ => c,
            } : c);
            i++;
        }

        result = builder.ToString();
        return state;
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
}
