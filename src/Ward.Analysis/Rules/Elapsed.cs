using System.Globalization;

namespace Ward.Analysis.Rules;

/// <summary>
/// Time as the time-based rules measure and word it: always against the scan's reference time, in whole UTC days.
/// An event recorded after the reference time (when <c>--as-of</c> is earlier than the export) counts as recent.
/// </summary>
internal static class Elapsed
{
    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Whole days from <paramref name="at"/> to the reference time; negative when it is after.</summary>
    public static int DaysBefore(DateTimeOffset at, DateTimeOffset reference) => (int)Math.Floor((reference - at).TotalDays);

    /// <summary>Whether <paramref name="at"/> lies at least <paramref name="days"/> days before the reference time.</summary>
    public static bool AtLeast(DateTimeOffset at, DateTimeOffset reference, int days) => reference - at >= TimeSpan.FromDays(days);

    /// <summary><c>2025-02-03 (406 days before the reference time)</c>.</summary>
    public static string Ago(DateTimeOffset at, DateTimeOffset reference)
    {
        var days = DaysBefore(at, reference);
        return days switch
        {
            < 0 => $"{Day(at)} (after the reference time)",
            0 => $"{Day(at)} (less than a day before the reference time)",
            _ => $"{Day(at)} ({Days(days)} before the reference time)",
        };
    }

    public static string Days(int days) => days == 1 ? "1 day" : $"{days.ToString("N0", CultureInfo.InvariantCulture)} days";

    /// <summary>The closing clause of every time-based explanation.</summary>
    public static string Reference(AnalysisContext context) => $"reference time {Day(context.ReferenceTime)}";
}
