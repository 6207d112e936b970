namespace Ward.Gcp.Tests.Testing;

/// <summary>
/// Conditions that name an IANA time zone are decided from the machine's time zone database; where it is missing
/// (a minimal container without tzdata) Ward leaves them undecided, and the tests that need one are skipped.
/// </summary>
internal static class TimeZones
{
    private static readonly bool Available = Probe();

    /// <summary>Skips the test when the expression names an IANA zone (<c>Area/City</c>) and the machine has no time zone database.</summary>
    public static void SkipWithoutDatabase(string expression)
    {
        if (!Available && expression.Contains("(\"", StringComparison.Ordinal) && expression.Contains('/', StringComparison.Ordinal))
        {
            Assert.Skip("this machine has no IANA time zone database");
        }
    }

    private static bool Probe()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin").Id.Length > 0;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }
}
