namespace Ward.Microsoft.Azure.Evaluation;

/// <summary>
/// Azure RBAC action patterns: <c>*</c> matches any run of characters, including <c>/</c>; everything else is
/// literal and compared case-insensitively (<c>Microsoft.Storage/*</c> covers every Storage action,
/// <c>*/read</c> every read). There is no <c>?</c> wildcard in role definitions.
/// </summary>
public static class ActionPattern
{
    public static bool Matches(string pattern, string action)
    {
        // Greedy glob with one backtrack point: linear in practice, no regex.
        int p = 0, a = 0, star = -1, resume = 0;
        while (a < action.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = a;
            }
            else if (p < pattern.Length && char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(action[a]))
            {
                p++;
                a++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                a = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    public static string? FirstMatch(IEnumerable<string> patterns, string action) => patterns.FirstOrDefault(pattern => Matches(pattern, action));
}
