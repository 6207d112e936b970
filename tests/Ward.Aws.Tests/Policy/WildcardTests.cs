using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Ward.Aws.Policy.Matching;

namespace Ward.Aws.Tests.Policy;

public sealed class WildcardTests
{
    public static TheoryData<string, string, bool> CaseSensitiveCases() => new()
    {
        // `*` is any run, the empty one included
        { "*", "", true },
        { "*", "anything at all", true },
        { "a*", "a", true },
        { "a*", "abc", true },
        { "a*", "ba", false },
        { "*c", "abc", true },
        { "*c", "abcd", false },
        { "a*c", "ac", true },
        { "a*c", "abbbc", true },
        { "a*c", "abcb", false },
        { "a*b*c", "aXbYc", true },
        { "a*b*c", "acb", false },
        { "**", "", true },
        { "*a*", "bab", true },
        { "*a*", "bbb", false },

        // `?` is exactly one character
        { "?", "a", true },
        { "?", "", false },
        { "?", "ab", false },
        { "a?c", "abc", true },
        { "a?c", "ac", false },
        { "a?c", "abbc", false },
        { "??", "ab", true },
        { "*?", "", false },
        { "*?", "x", true },
        { "?*?", "x", false },
        { "?*?", "xy", true },

        // everything else is literal text, regex metacharacters included
        { "a.c", "abc", false },
        { "a.c", "a.c", true },
        { "[ab]", "a", false },
        { "[ab]", "[ab]", true },
        { "a+", "aa", false },
        { "a+", "a+", true },
        { "^$", "^$", true },
        { @"a\b", @"a\b", true },
        { "s3:GetObject", "s3:GetObject", true },
        { "s3:GetObject", "s3:getobject", false },
        { "", "", true },
        { "", "a", false },

        // a `*` or `?` in the text is an ordinary character for the wildcard to match
        { "a*", "a*", true },
        { "a?", "a?", true },
    };

    [Theory]
    [MemberData(nameof(CaseSensitiveCases))]
    public void Wildcards_match_as_IAM_globs(string pattern, string text, bool expected)
    {
        // Given a pattern translated from policy text
        var translated = Wildcard.Translate(pattern);

        // When it is matched case-sensitively
        var matched = Wildcard.IsMatch(translated, text, ignoreCase: false);

        // Then `*` is any run, `?` one character, and the rest literal
        Assert.Equal(expected, matched);
    }

    public static TheoryData<string, string, bool, bool> CaseInsensitiveCases() => new()
    {
        // pattern, text, matches case-insensitively, matches case-sensitively
        { "s3:GetObject", "s3:getobject", true, false },
        { "S3:Get*", "s3:getobject", true, false },
        { "IAM:PASS?OLE", "iam:passrole", true, false },
        { "*Object", "s3:GETOBJECT", true, false },
        { "a*B*c", "AxbYC", true, false },
        { "s3:Get*", "s3:Put", false, false },
        { "?b", "Ab", true, true },
        { "ab", "ab", true, true },
    };

    [Theory]
    [MemberData(nameof(CaseInsensitiveCases))]
    public void Case_insensitive_mode_ignores_letter_case_only(string pattern, string text, bool ignoringCase, bool respectingCase)
    {
        // Given a translated pattern
        var translated = Wildcard.Translate(pattern);

        // When it is matched in both modes
        // Then only the case-insensitive mode forgives differences of letter case
        Assert.Equal(ignoringCase, Wildcard.IsMatch(translated, text, ignoreCase: true));
        Assert.Equal(respectingCase, Wildcard.IsMatch(translated, text, ignoreCase: false));
    }

    [Fact]
    public void An_untranslated_pattern_treats_star_and_question_mark_as_literal_text()
    {
        // Given policy text that was not translated (what `${*}` and `${?}` produce)
        const string literal = "a*b?";

        // When it is matched
        // Then `*` and `?` stand only for themselves
        Assert.True(Wildcard.IsMatch(literal, "a*b?", ignoreCase: false));
        Assert.False(Wildcard.IsMatch(literal, "aXXbY", ignoreCase: false));
        Assert.False(Wildcard.HasWildcards(literal));
    }

    [Fact]
    public void Translate_turns_only_star_and_question_mark_into_wildcards()
    {
        // Given policy text with wildcards and other characters
        // When it is translated
        var translated = Wildcard.Translate("arn:aws:s3:::b-?/*.txt");

        // Then the wildcards become the private-use markers and the rest is unchanged
        Assert.Equal($"arn:aws:s3:::b-{Wildcard.AnyOne}/{Wildcard.AnyRun}.txt", translated);
        Assert.True(Wildcard.HasWildcards(translated));
        Assert.Equal("no wildcards here", Wildcard.Translate("no wildcards here"));
    }

    [Fact]
    public void Matching_agrees_with_an_anchored_regex_over_small_alphabets()
    {
        // Given random patterns over an alphabet of wildcards, letters and regex metacharacters, and random texts
        var patterns = Gen.Char["ab*?.\n"].Array[0, 8].Select(chars => new string(chars));
        var texts = Gen.Char["ab*?.\n"].Array[0, 12].Select(chars => new string(chars));

        // When the glob matcher and a regex built from the same pattern judge the same text
        // Then they always agree
        Gen.Select(patterns, texts).Sample(
            (pattern, text) => Wildcard.IsMatch(Wildcard.Translate(pattern), text, ignoreCase: false) == ReferenceRegex(pattern).IsMatch(text),
            iter: 20_000);
    }

    [Fact]
    public void Case_insensitive_matching_agrees_with_an_anchored_ignore_case_regex()
    {
        // Given random patterns and texts over upper- and lower-case letters
        var patterns = Gen.Char["aAbB*?"].Array[0, 8].Select(chars => new string(chars));
        var texts = Gen.Char["aAbB"].Array[0, 12].Select(chars => new string(chars));

        // When both judge the text ignoring case
        // Then they agree
        Gen.Select(patterns, texts).Sample(
            (pattern, text) => Wildcard.IsMatch(Wildcard.Translate(pattern), text, ignoreCase: true)
                == ReferenceRegex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant).IsMatch(text),
            iter: 10_000);
    }

    [Fact]
    public void A_pathological_pattern_is_answered_without_backtracking_blow_up()
    {
        // Given `*?` two hundred times then `b`, which a backtracking regex cannot finish against many `a`s
        var pattern = Wildcard.Translate(string.Concat(Enumerable.Repeat("*?", 200)) + "b");
        var text = new string('a', 100_000);

        // When it is matched
        var matched = Wildcard.IsMatch(pattern, text, ignoreCase: false);

        // Then the answer comes back, and it is no
        Assert.False(matched);
        Assert.True(Wildcard.IsMatch(pattern, text + "b", ignoreCase: false));
    }

    /// <summary>The reference semantics: escape everything, <c>*</c> → <c>.*</c>, <c>?</c> → <c>.</c>, anchored.</summary>
    private static Regex ReferenceRegex(string pattern, RegexOptions extra = RegexOptions.None)
    {
        var builder = new StringBuilder("^");
        foreach (var c in pattern)
        {
            builder.Append(c switch
            {
                '*' => ".*",
                '?' => ".",
                _ => Regex.Escape(c.ToString()),
            });
        }

        return new Regex(builder.Append(@"\z").ToString(), RegexOptions.Singleline | extra, TimeSpan.FromSeconds(10));
    }
}
