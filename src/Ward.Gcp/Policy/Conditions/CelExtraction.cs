namespace Ward.Gcp.Policy.Conditions;

/// <summary>
/// Google's <c>extract</c> on a resource name: the template is text with one <c>{variable}</c>; the result is what
/// stands for the variable after the first occurrence of the text before it, up to the next occurrence of the text
/// after it (to the end when nothing follows the variable), and the empty string when the name does not match.
/// </summary>
internal static class CelExtraction
{
    /// <summary>The extracted text, or null when <paramref name="template"/> is not a template with exactly one <c>{variable}</c>.</summary>
    public static string? Extract(string name, string template)
    {
        var open = template.IndexOf('{', StringComparison.Ordinal);
        var close = template.IndexOf('}', StringComparison.Ordinal);
        if (open < 0 || close < open + 2
            || template.IndexOf('{', open + 1) >= 0 || template.IndexOf('}', close + 1) >= 0)
        {
            return null;
        }

        var before = template[..open];
        var after = template[(close + 1)..];
        var prefix = name.IndexOf(before, StringComparison.Ordinal);
        if (prefix < 0)
        {
            return string.Empty;
        }

        var start = prefix + before.Length;
        if (after.Length == 0)
        {
            return name[start..];
        }

        var end = name.IndexOf(after, start, StringComparison.Ordinal);
        return end < 0 ? string.Empty : name[start..end];
    }
}
