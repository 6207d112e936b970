namespace Ward.Core.Diagnostics;

/// <summary>Builds JSON paths in the <c>$.a.b[0]['odd key']</c> form used by every diagnostic.</summary>
public static class JsonPath
{
    public const string Root = "$";

    public static string Property(string parent, string name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
            }
        }

        return name.Length == 0 ? $"{parent}['']" : $"{parent}.{name}";
    }

    public static string Index(string parent, int index) => $"{parent}[{index}]";
}
