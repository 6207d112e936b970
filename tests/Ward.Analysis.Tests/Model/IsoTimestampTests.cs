using System.Globalization;
using Ward.Core.Model;

namespace Ward.Analysis.Tests.Model;

/// <summary>The one timestamp grammar of the readers and options: ISO 8601 only, whatever else .NET would guess at.</summary>
public sealed class IsoTimestampTests
{
    [Theory]
    [InlineData("2026-03-16T09:04:57Z", "2026-03-16T09:04:57.0000000+00:00")]                 // GAAD, Graph
    [InlineData("2023-03-01T10:00:00+00:00", "2023-03-01T10:00:00.0000000+00:00")]            // GAAD, credential report
    [InlineData("2026-03-16T11:04:57+02:00", "2026-03-16T09:04:57.0000000+00:00")]            // an offset, to UTC
    [InlineData("2024-01-10T09:00:00.1234567Z", "2024-01-10T09:00:00.1234567+00:00")]         // Azure, Graph
    [InlineData("2026-02-01T08:00:00.123456789Z", "2026-02-01T08:00:00.1234567+00:00")]       // Google: nine digits
    [InlineData("2026-11-01", "2026-11-01T00:00:00.0000000+00:00")]                           // a date: its start, UTC
    [InlineData("2026-11-01T12:00", "2026-11-01T12:00:00.0000000+00:00")]                     // no offset: UTC
    public void ISO_8601_as_the_exports_write_it_is_read(string text, string expected)
    {
        Assert.True(IsoTimestamp.TryParse(text, out var value));
        Assert.Equal(expected, value.ToString("o", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("08:00")]          // .NET: today at eight, by the clock
    [InlineData("03/04/2026")]     // .NET: March 4
    [InlineData("Nov 1 2026")]
    [InlineData("2026/11/01")]
    [InlineData("2026-11")]
    [InlineData("1730419200")]
    [InlineData("tomorrow")]
    [InlineData("")]
    public void Anything_else_is_refused(string text) =>
        Assert.False(IsoTimestamp.TryParse(text, out _));
}
