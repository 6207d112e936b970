using System.Text.Json;

namespace Ward.Cli.Tests;

/// <summary>A scratch copy of an export folder, with files a test adds, scanned once to its JSON report.</summary>
internal static class ScannedCopy
{
    /// <param name="from">The export folder to copy.</param>
    /// <param name="asOf">The scan's reference time.</param>
    /// <param name="addFiles">Writes the test's own files into the copy.</param>
    public static JsonElement[] Findings(string from, string asOf, Action<string> addFiles) =>
        [.. Report(from, asOf, addFiles).GetProperty("findings").EnumerateArray()];

    /// <inheritdoc cref="Findings"/>
    public static JsonElement Report(string from, string asOf, Action<string> addFiles)
    {
        var folder = Directory.CreateTempSubdirectory("ward-scan-").FullName;
        try
        {
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(folder, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            addFiles(folder);
            var output = Path.Combine(Path.GetTempPath(), $"ward-report-{Guid.NewGuid():N}.json");
            var (exitCode, console) = WardRunner.Run("scan", folder, "--as-of", asOf, "--format", "json", "--output", output);
            Assert.True(exitCode is 0 or 1, console);
            var report = JsonDocument.Parse(File.ReadAllText(output)).RootElement.Clone();
            File.Delete(output);
            return report;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
