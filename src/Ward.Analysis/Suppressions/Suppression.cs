namespace Ward.Analysis.Suppressions;

/// <summary>
/// An accepted risk: findings of a rule (or every rule) on principals matching a pattern, or one finding by its
/// fingerprint, hidden until the expiry date; after it they are reported again.
/// </summary>
/// <param name="Rule">A rule id, or <c>*</c> for every rule.</param>
/// <param name="Principal">A principal ARN pattern (<c>*</c> and <c>?</c> wildcards), or null to match any principal.</param>
/// <param name="Fingerprint">One finding's fingerprint, or null.</param>
/// <param name="Justification">Why the risk is accepted (required: a suppression nobody can explain is a hidden finding).</param>
/// <param name="Expires">When the acceptance ends (end of that day, UTC, for a date).</param>
/// <param name="Location">Where it is written, for messages.</param>
public sealed record Suppression(string Rule, string? Principal, string? Fingerprint, string Justification, DateTimeOffset Expires, string Location)
{
    /// <summary>
    /// The expiry as people read it: the date or timestamp as the file writes it (a date is the last day the
    /// suppression holds, while <see cref="Expires"/> is the start of the next); the instant when built without one.
    /// </summary>
    public string Until
    {
        get => field ?? Expires.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        init;
    }

    public bool IsExpiredAt(DateTimeOffset referenceTime) => Expires <= referenceTime;

    public bool Matches(Finding finding) =>
        (Rule == "*" || string.Equals(Rule, finding.RuleId, StringComparison.Ordinal))
        && (Principal is null || Glob(Principal, finding.Principal))
        && (Fingerprint is null || string.Equals(Fingerprint, finding.Fingerprint, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whole-text match with <c>*</c> (any run) and <c>?</c> (one character), case-sensitive like ARNs.</summary>
    private static bool Glob(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
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
}

/// <summary>A finding hidden by a suppression.</summary>
public sealed record SuppressedFinding(Finding Finding, Suppression Suppression);
