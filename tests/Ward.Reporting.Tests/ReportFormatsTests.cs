using Ward.Reporting.Tests.Testing;

namespace Ward.Reporting.Tests;

public sealed class ReportFormatsTests
{
    [Fact]
    public void Format_names_are_unique_lower_case_and_the_console_comes_first()
    {
        Assert.Equal(ReportFormats.Console, ReportFormats.Names[0]);
        Assert.Equal(ReportFormats.Names.Length, ReportFormats.Names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ReportFormats.Names, name => Assert.Matches("^[a-z]+$", name));
        Assert.Equal<string>(["json", "sarif", "html", "csv", "markdown"], ReportFormats.Documents.Select(f => f.Name), StringComparer.Ordinal);
    }

    public static TheoryData<string> Documents => [.. ReportFormats.Documents.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_format_writes_utf8_without_a_byte_order_mark_and_leaves_the_stream_open(string name)
    {
        // Given a stream the caller owns
        var format = ReportFormats.Find(name)!;
        using var stream = new MemoryStream();

        // When a report is written to it
        format.Write(Scans.Hostile, stream, ReportOptions.Default);

        // Then it is still open, holds the report, and starts with no BOM
        Assert.True(stream.CanWrite);
        var bytes = stream.ToArray();
        Assert.NotEmpty(bytes);
        Assert.False(bytes is [0xEF, 0xBB, 0xBF, ..]);
    }

    [Fact]
    public void An_unknown_name_is_not_a_format()
    {
        Assert.Null(ReportFormats.Find("console"));
        Assert.Null(ReportFormats.Find("xml"));
    }
}
