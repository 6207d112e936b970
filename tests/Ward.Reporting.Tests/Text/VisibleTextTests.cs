using Spectre.Console;
using Ward.Analysis;
using Ward.Reporting.Console;
using Ward.Reporting.Csv;
using Ward.Reporting.Tests.Testing;
using Ward.Reporting.Html;
using Ward.Reporting.Markdown;

namespace Ward.Reporting.Tests.Text;

/// <summary>
/// Names from an estate reach people through the console, HTML, Markdown and CSV reports: a terminal escape sequence
/// (clear the screen, colour, a hyperlink) or a bidirectional override (a name that reads as another) in a display name
/// is shown as its code, never passed on.
/// </summary>
public sealed class VisibleTextTests
{
    private const string Escapes = "Ben\u001b[2J\u001b]8;;https://evil.example\u0007linked\u001b]8;;\u0007";
    private const string Reordered = "Sam \u202Egnp.exe\u202C \u2066x\u2069";

    [Fact]
    public void Control_and_reordering_characters_are_written_as_their_codes()
    {
        Assert.Equal("Ben\\u001B[2J\\u001B]8;;https://evil.example\\u0007linked\\u001B]8;;\\u0007", VisibleText.Of(Escapes));
        Assert.Equal("Sam \\u202Egnp.exe\\u202C \\u2066x\\u2069", VisibleText.Of(Reordered));
    }

    [Theory]
    [InlineData("carol.smith\u200B", "carol.smith\\u200B")]     // zero-width space: two carol.smiths would look alike
    [InlineData("car\u00ADol", "car\\u00ADol")]                 // soft hyphen
    [InlineData("\uFEFFadmin\u2060", "\\uFEFFadmin\\u2060")]    // byte order mark, word joiner
    [InlineData("ops\u2028root", "ops\\u2028root")]             // line separator
    [InlineData("a\u180Eb", "a\\u180Eb")]                        // Mongolian vowel separator: any other format character
    [InlineData("admin\U000E0041\U000E0042", "admin\\U000E0041\\U000E0042")]  // tag characters (two UTF-16 units each): hidden text
    [InlineData("ops \U0001F600", "ops \U0001F600")]               // an emoji beyond the first plane is no format character: kept
    public void Invisible_format_characters_and_separators_are_written_as_their_codes(string name, string shown) =>
        Assert.Equal(shown, VisibleText.Of(name));

    [Fact]
    public void Ordinary_text_tabs_and_line_breaks_are_left_to_each_format()
    {
        const string Text = "Zoë Ødegård\t(ops)\r\nلوحة";
        Assert.Same(Text, VisibleText.Of(Text));
    }

    [Fact]
    public void No_report_for_people_passes_them_on()
    {
        foreach (var written in new[] { HtmlText.Encode(Escapes + Reordered), MarkdownReporter.Text(Escapes + Reordered), MarkdownReporter.Code(Escapes + Reordered), CsvReporter.Field(Escapes + Reordered), VisibleText.ForConsole(Escapes + Reordered) })
        {
            Assert.DoesNotContain(written, c => c is '\u001b' or '\u0007' or '\u202E' or '\u202C' or '\u2066' or '\u2069');
        }
    }

    [Fact]
    public void The_console_shows_a_name_on_one_line_with_its_markup_escaped()
    {
        Assert.Equal("Tier0 [[admins]] line two", VisibleText.ForConsole("Tier0 [admins]\nline two"));
    }

    [Fact]
    public void The_console_summary_shows_the_tenant_name_with_its_codes()
    {
        // Given an Entra tenant whose display name carries terminal escapes
        var scan = Scans.Hostile with { Microsoft = new MicrosoftEstateSummary("00000000-0000-0000-0000-000000000001", Escapes, 1, 0, 0, 0, 0, 0) };
        using var written = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(written), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 1000;

        // When the console summary is written
        ConsoleReporter.Write(scan, console);

        // Then the name is shown with its codes, and no escape reaches the terminal
        Assert.Contains("tenant Ben\\u001B[2J", written.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(written.ToString(), c => c is '\u001b' or '\u0007');
    }

    [Theory]
    [InlineData("x;=cmd|'/C calc'!A0")]
    [InlineData("Ivan;@SUM(1+1)")]
    public void A_csv_field_with_a_semicolon_is_quoted_so_a_semicolon_separated_spreadsheet_keeps_it_one_cell(string value)
    {
        Assert.Equal("\"" + value + "\"", CsvReporter.Field(value));
    }
}
