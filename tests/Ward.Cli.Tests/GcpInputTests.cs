namespace Ward.Cli.Tests;

/// <summary>Google Cloud exports given to the CLI beside other clouds' (docs/formats/gcp.md): read, checked, listed and scanned.</summary>
public sealed class GcpInputTests
{
    private static readonly string Organization = Path.Combine(Repository.Root, "tests", "Ward.Gcp.Tests", "Fixtures", "organization");

    [Fact]
    public void A_scan_of_Google_Cloud_exports_alone_says_what_was_read_and_analyses_them()
    {
        // Given the Google Cloud organization export alone (newline-delimited asset exports and gcloud JSON lists)
        // When it is scanned
        var (exitCode, output) = WardRunner.Run("scan", Organization);

        // Then the summary counts what was read, the bound role missing from the roles export is an input error,
        // no export is skipped, and the scan reports on the organization (its owner group is admin-equivalent)
        Assert.Equal(0, exitCode);
        Assert.Contains("Google Cloud: 1 organization(s), 2 folder(s), 4 project(s), 10 IAM policies, 14 roles, 5 service accounts, 3 keys", output, StringComparison.Ordinal);
        Assert.Contains("WARD7011", output, StringComparison.Ordinal);
        Assert.DoesNotContain("skipped", output, StringComparison.Ordinal);
        Assert.Contains("group:cloud-admins@northwind.example", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Google_Cloud_exports_beside_AWS_ones_are_read_without_AWS_calling_them_invalid()
    {
        // Given the AWS sample and the Google Cloud export, whose asset exports are not one JSON document each
        // When both are scanned
        var (exitCode, output) = WardRunner.Run("scan", Repository.Samples, Organization, "--as-of", "2026-03-16T09:15:00Z");

        // Then the AWS scan runs, the Google Cloud exports are counted, and none of them is reported as invalid JSON or skipped
        Assert.NotEqual(2, exitCode);
        Assert.Contains("Google Cloud: 1 organization(s)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("WARD1002", output, StringComparison.Ordinal);
        Assert.DoesNotContain("WARD5002", output, StringComparison.Ordinal);
        Assert.DoesNotContain("skipped " + Organization, output, StringComparison.Ordinal);
    }
}
