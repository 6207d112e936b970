using System.Text;
using System.Text.RegularExpressions;

namespace Ward.Gcp.Policy.Conditions;

/// <summary>
/// An RE2 expression, as CEL's <c>matches</c> takes it, read with .NET's engine where the two agree, and what a failed
/// match over a trial value proves.
/// </summary>
/// <remarks>
/// A workload identity condition is decided over the tokens Ward builds for an outsider, names made from the
/// condition's constants to pass prefix, suffix and substring tests. A pattern that is such a test (a literal, anchored
/// or not) is decided by them as <c>startsWith</c> or <c>contains</c> is; any other pattern (a class, a repetition) may
/// match a name Ward did not try, so a failed match proves nothing unless the value misses the pattern's anchored
/// literal beginning, which every match must have.
/// </remarks>
internal sealed partial class Re2Pattern
{
    private const string Metacharacters = @"\.^$|?*+()[]{}";

    private Re2Pattern(string source, Regex? regex, bool isLiteral, string? anchoredPrefix)
    {
        Source = source;
        Regex = regex;
        IsLiteral = isLiteral;
        AnchoredPrefix = anchoredPrefix;
    }

    public string Source { get; }

    /// <summary>The expression for .NET's engine; null when RE2 reads it otherwise or .NET cannot read it.</summary>
    public Regex? Regex { get; }

    /// <summary>Whether the pattern is a literal, between optional <c>^</c> (or a leading <c>.*</c>) and <c>$</c> (or a trailing <c>.*</c>).</summary>
    public bool IsLiteral { get; }

    /// <summary>The literal text every match begins with, for a pattern anchored with <c>^</c> and without alternation; null otherwise.</summary>
    public string? AnchoredPrefix { get; }

    public static Re2Pattern Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Re2Pattern(source, Compile(source), Literal(source), Prefix(source));
    }

    private static Regex? Compile(string source)
    {
        // POSIX classes ([[:alpha:]]) and RE2-only flags or escapes are read otherwise by .NET, or not at all.
        if (source.Contains("[[:", StringComparison.Ordinal) || source.Contains(@"\C", StringComparison.Ordinal))
        {
            return null;
        }

        // RE2's named groups (?P<name>…) and one-letter Unicode classes \pL are .NET's (?<name>…) and \p{L}.
        var translated = OneLetterClass().Replace(source.Replace("(?P<", "(?<", StringComparison.Ordinal), @"\${kind}{${name}}");
        try
        {
            return new Regex(translated, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static bool Literal(string source)
    {
        var body = source;
        body = body.StartsWith('^') ? body[1..] : body.StartsWith(".*", StringComparison.Ordinal) ? body[2..] : body;
        body = body.EndsWith('$') && !body.EndsWith(@"\$", StringComparison.Ordinal) ? body[..^1]
            : body.EndsWith(".*", StringComparison.Ordinal) && !body.EndsWith(@"\.*", StringComparison.Ordinal) ? body[..^2] : body;
        return LiteralRun(body, out var consumed) is not null && consumed == body.Length;
    }

    private static string? Prefix(string source)
    {
        if (!source.StartsWith('^') || HasAlternation(source))
        {
            return null;
        }

        var body = source[1..];
        var run = LiteralRun(body, out var consumed) ?? string.Empty;

        // A quantifier after the run applies to its last character, which may then be absent or repeated.
        if (consumed < body.Length && body[consumed] is '?' or '*' or '+' or '{' && run.Length > 0)
        {
            run = run[..^1];
        }

        return run.Length == 0 ? null : run;
    }

    /// <summary>The literal text at the start of the body (escaped punctuation read as itself), and how many characters it took.</summary>
    private static string? LiteralRun(string body, out int consumed)
    {
        var literal = new StringBuilder();
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (c == '\\')
            {
                if (i + 1 < body.Length && !char.IsAsciiLetterOrDigit(body[i + 1]))
                {
                    literal.Append(body[i + 1]);
                    i += 2;
                    continue;
                }

                break;
            }

            if (Metacharacters.Contains(c, StringComparison.Ordinal))
            {
                break;
            }

            literal.Append(c);
            i++;
        }

        consumed = i;
        return literal.ToString();
    }

    private static bool HasAlternation(string source)
    {
        var inClass = false;
        for (var i = 0; i < source.Length; i++)
        {
            switch (source[i])
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    inClass = true;
                    break;
                case ']':
                    inClass = false;
                    break;
                case '|' when !inClass:
                    return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"\\(?<kind>[pP])(?<name>[A-Za-z])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex OneLetterClass();
}
