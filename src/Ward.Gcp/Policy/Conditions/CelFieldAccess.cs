using System.Text.RegularExpressions;

namespace Ward.Gcp.Policy.Conditions;

/// <summary>
/// In CEL, indexing a map with a constant key is selecting its field: <c>assertion['repository_owner_id']</c> and
/// <c>attribute["aws_role"]</c> are <c>assertion.repository_owner_id</c> and <c>attribute.aws_role</c>. Rules that
/// look for a name in an attribute condition or mapping read the text rewritten to the dotted form, so either
/// spelling is recognised.
/// </summary>
public static partial class CelFieldAccess
{
    /// <summary>The expression with every index by a constant key that is an identifier written as a field selection; other text unchanged.</summary>
    public static string Dotted(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return expression.Contains('[', StringComparison.Ordinal) ? ConstantIndex().Replace(expression, m => "." + m.Groups["key"].Value) : expression;
    }

    // The `[` right after a name, a call or another index, but not after the operator `in` (`x in['a']` tests a list);
    // a key that is no identifier (`assertion['https://example.com/claim']`) has no dotted form and stays.
    [GeneratedRegex("""(?<=[A-Za-z0-9_\])])(?<!(?<![A-Za-z0-9_.])in)\[\s*(?<quote>['"])(?<key>[A-Za-z_][A-Za-z0-9_]*)\k<quote>\s*\]""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ConstantIndex();
}
