using System.Text.Json;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// Conditions on the hour of the request, on the time-windows export of the Google Cloud tests: Project IAM Admin of
/// p-app to bob outright (a deny rule refuses him from 18 to 6 UTC), to carol until 2026-06-30, to dan from 9 to 17 in
/// Berlin, to erin the same until 2026-06-30, to frank the same until 2027-06-30. IAM decides the hour on every
/// request: a reference time in the window or outside it gives the same findings.
/// </summary>
public sealed class GcpTimeWindowTests
{
    private const string Morning = "2026-12-01T08:00:00Z"; // 09:00 in Berlin
    private const string Evening = "2026-12-01T20:00:00Z"; // 21:00 in Berlin
    private const string OfficeHours = "the condition \"office hours\" (`request.time.getHours(\"Europe/Berlin\") >= 9 && request.time.getHours(\"Europe/Berlin\") < 17`) holds";

    private static readonly string Folder = Path.Combine(Repository.Root, "tests", "Ward.Gcp.Tests", "Fixtures", "time-windows");

    [Theory]
    [InlineData(Morning, true)]
    [InlineData(Evening, false)]
    public void Scan_reports_a_window_of_office_hours_as_a_conditional_path_to_owner_whatever_the_reference_time(string asOf, bool holds)
    {
        var findings = Scan(asOf);

        // Then dan is not owner-equivalent for certain, but may become so within the window: a medium finding quoting the condition
        Assert.DoesNotContain(findings, f => f.Text("ruleId") == "admin-equivalent" && f.Text("principal") == "user:dan@example.com");
        var dan = Assert.Single(findings, f => f.Text("ruleId") == "privilege-escalation" && f.Text("principal") == "user:dan@example.com");
        Assert.Equal("medium", dan.Text("severity"));
        Assert.Equal("`user:dan@example.com` can become owner-equivalent of `projects/p-app` in 1 step", dan.Text("title"));
        var explanation = dan.Text("explanation");
        Assert.Contains($"Some steps hold only under conditions Ward could not decide: {OfficeHours} (", explanation, StringComparison.Ordinal);
        Assert.Contains("recurs with the time of day: IAM decides it on every request", explanation, StringComparison.Ordinal);
        if (TimeZoneKnown)
        {
            Assert.Contains($"at the reference time {asOf} it {(holds ? "holds" : "does not hold")}", explanation, StringComparison.Ordinal);
        }

        var step = Assert.Single(dan.GetProperty("path").EnumerateArray());
        Assert.StartsWith(OfficeHours, Assert.Single(step.GetProperty("requirements").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Morning)]
    [InlineData(Evening)]
    public void Scan_decides_the_expiries_and_leaves_the_windows_to_the_request(string asOf)
    {
        var findings = Scan(asOf);

        // Then frank, whose expiry is ahead, is conditional on the window; erin, whose expiry has passed, is nowhere but
        // in the expired binding's finding, with carol; a window is never expired
        Assert.Equal("medium", Assert.Single(findings, f => f.Text("ruleId") == "privilege-escalation" && f.Text("principal") == "user:frank@example.com").Text("severity"));
        Assert.DoesNotContain(findings, f => f.Text("principal") is "user:erin@example.com" or "user:carol@example.com");
        var expired = findings.Where(f => f.Text("ruleId") == "gcp-expired-conditional-binding").ToList();
        Assert.Equal(2, expired.Count);
        Assert.All(expired, f => Assert.Equal("projects/p-app", f.Text("principal")));
        Assert.Single(expired, f => f.Text("explanation").Contains("to `user:carol@example.com` under the condition", StringComparison.Ordinal));
        Assert.Single(expired, f => f.Text("explanation").Contains("to `user:erin@example.com` under the condition", StringComparison.Ordinal));
        Assert.DoesNotContain(expired, f => f.Text("explanation").Contains("user:dan@example.com", StringComparison.Ordinal) || f.Text("explanation").Contains("user:frank@example.com", StringComparison.Ordinal));

        // And bob, whom a deny rule refuses after hours, is owner-equivalent of nothing for certain, but may be outside them
        Assert.DoesNotContain(findings, f => f.Text("ruleId") == "admin-equivalent" && f.Text("principal") == "user:bob@example.com");
        var bob = Assert.Single(findings, f => f.Text("ruleId") == "privilege-escalation" && f.Text("principal") == "user:bob@example.com");
        Assert.Contains("its denial condition \"after hours\"", bob.Text("explanation"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Morning, true)]
    [InlineData(Evening, false)]
    public void Can_answers_conditional_on_the_window_at_either_time(string asOf, bool holds)
    {
        var (exitCode, output) = WardRunner.Run("can", "-i", Folder, "user:dan@example.com", "resourcemanager.projects.setIamPolicy", "projects/p-app", "--as-of", asOf, "--format", "json");
        var result = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]).RootElement.GetProperty("result");

        Assert.Equal(0, exitCode);
        Assert.Equal("Conditional", result.GetProperty("decision").GetString());
        var requirement = Assert.Single(result.GetProperty("requirements").EnumerateArray()).GetString();
        Assert.StartsWith(OfficeHours, requirement, StringComparison.Ordinal);
        if (TimeZoneKnown)
        {
            Assert.EndsWith($"at the reference time {asOf} it {(holds ? "holds" : "does not hold")})", requirement, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void What_can_lists_the_window_with_its_permissions_outside_office_hours()
    {
        var (exitCode, output) = WardRunner.Run("what-can", "-i", Folder, "user:dan@example.com", "--as-of", Evening, "--format", "json", "--expand");
        var root = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]).RootElement;

        Assert.Equal(0, exitCode);
        var binding = Assert.Single(root.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("role").GetString() == "roles/resourcemanager.projectIamAdmin");
        Assert.False(binding.TryGetProperty("problem", out _));
        Assert.StartsWith(OfficeHours, binding.GetProperty("requirement").GetString(), StringComparison.Ordinal);
        Assert.Contains("resourcemanager.projects.setIamPolicy", binding.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()), StringComparer.Ordinal);
    }

    private static bool TimeZoneKnown => TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Berlin", out _);

    private static JsonElement[] Scan(string asOf)
    {
        var output = Path.Combine(Path.GetTempPath(), $"ward-gcp-time-windows-{Guid.NewGuid():N}.json");
        try
        {
            var (exitCode, console) = WardRunner.Run(["scan", Folder, "--as-of", asOf, "--format", "json", "--output", output]);
            Assert.True(exitCode == 0, console);
            return [.. JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("findings").EnumerateArray().Select(f => f.Clone())];
        }
        finally
        {
            File.Delete(output);
        }
    }
}
