namespace Ward.Aws.Tests.Testing;

/// <summary>Paths of the input fixtures copied next to the test assembly (tests never read outside their output).</summary>
internal static class Fixtures
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Ingest", "Fixtures");

    public static string PathOf(params string[] parts) => Path.Combine([Directory, .. parts]);

    /// <summary>The Northwind sample estate (a copy of samples/aws).</summary>
    public static string Northwind(params string[] parts) => Path.Combine([Directory, "northwind", .. parts]);
}
