using System.Globalization;

namespace Ward.Gcp.Policy.Conditions;

/// <summary>
/// CEL's timestamp accessors (<c>request.time.getHours("Europe/Berlin")</c>), as Google lists them for IAM
/// Conditions and CEL's language definition defines them: the field of the time in a time zone (UTC when none is
/// given), <c>getMonth</c>, <c>getDayOfMonth</c> and <c>getDayOfYear</c> counting from 0, <c>getDate</c> from 1,
/// <c>getDayOfWeek</c> 0 for Sunday.
/// </summary>
internal static class CelTimestampFields
{
    public static bool IsAccessor(string function) => function is "getFullYear" or "getMonth" or "getDate" or "getDayOfMonth"
        or "getDayOfWeek" or "getDayOfYear" or "getHours" or "getMinutes" or "getSeconds" or "getMilliseconds";

    /// <summary>
    /// What a field repeats with (<c>time of day</c> for <c>getHours</c>), or null for <c>getFullYear</c>: the year
    /// only grows, so comparing it with a constant bounds the time as <c>request.time &lt; timestamp(…)</c> does.
    /// </summary>
    public static string? Period(string function) => function switch
    {
        "getHours" or "getMinutes" or "getSeconds" or "getMilliseconds" => "time of day",
        "getDayOfWeek" => "day of the week",
        "getDate" or "getDayOfMonth" => "day of the month",
        "getMonth" or "getDayOfYear" => "time of year",
        _ => null,
    };

    /// <summary>The field <paramref name="function"/> names, of <paramref name="time"/> on the clock of <paramref name="zone"/>.</summary>
    public static long Of(string function, DateTimeOffset time, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(time, zone);
        return function switch
        {
            "getFullYear" => local.Year,
            "getMonth" => local.Month - 1,
            "getDate" => local.Day,
            "getDayOfMonth" => local.Day - 1,
            "getDayOfWeek" => (int)local.DayOfWeek,
            "getDayOfYear" => local.DayOfYear - 1,
            "getHours" => local.Hour,
            "getMinutes" => local.Minute,
            "getSeconds" => local.Second,
            "getMilliseconds" => local.Millisecond,
            _ => throw new ArgumentOutOfRangeException(nameof(function), function, "not a timestamp accessor"),
        };
    }

    /// <summary>
    /// A CEL time zone: <c>UTC</c>, a fixed offset (<c>+05:30</c>, <c>-08:00</c>) or an IANA name
    /// (<c>Europe/Berlin</c>) looked up in the machine's time zone database; null when the machine does not know it
    /// (Ward then does not guess the local time).
    /// </summary>
    public static TimeZoneInfo? Zone(string name)
    {
        if (name == "UTC")
        {
            return TimeZoneInfo.Utc;
        }

        if (name.Length == 6 && name[0] is '+' or '-' && name[3] == ':'
            && int.TryParse(name.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            && int.TryParse(name.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            && hours <= 14 && minutes < 60)
        {
            var offset = new TimeSpan(hours, minutes, 0);
            return TimeZoneInfo.CreateCustomTimeZone(name, name[0] == '-' ? offset.Negate() : offset, name, name);
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return null;
        }
    }
}
