namespace Ward.Reporting;

/// <summary>How reports are written, beyond the scan result itself.</summary>
public sealed record ReportOptions
{
    /// <summary>The HTML report's default <see cref="HtmlRows"/>.</summary>
    public const int DefaultHtmlRows = 1000;

    public static ReportOptions Default { get; } = new();

    /// <summary>
    /// At most this many findings per rule, and this many identities, in the HTML report (0: all of them). A large
    /// estate has 100,000s of findings, a page of hundreds of megabytes that no browser opens; the page shows the most
    /// severe first and says what it left out, which the JSON, SARIF and CSV reports hold in full.
    /// </summary>
    public int HtmlRows { get; init; } = DefaultHtmlRows;
}
