using System.Text.Json;

namespace Ward.Cli.Tests;

public sealed class SimulateCommandTests
{
    [Fact]
    public void A_malformed_line_gets_an_error_result_naming_it_and_the_run_goes_on()
    {
        // Given a cases file with one good case, one broken line and another good case
        var directory = Directory.CreateTempSubdirectory("ward-simulate-");
        var cases = Path.Combine(directory.FullName, "cases.jsonl");
        var output = Path.Combine(directory.FullName, "results.jsonl");
        const string good = """{"id":"ok1","request":{"principal":"arn:aws:iam::111122223333:user/a","action":"s3:GetObject","resource":"arn:aws:s3:::b/k","context":{}},"principalAccount":"111122223333","resourceAccount":"111122223333","identityPolicies":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}}],"permissionBoundary":null,"scps":[],"rcps":[],"resourcePolicy":null,"sessionPolicy":null,"expected":"Allowed"}""";
        File.WriteAllLines(cases, [good, "{\"id\": \"broken\", ", good.Replace("ok1", "ok2", StringComparison.Ordinal)]);

        // When it is simulated
        var (exitCode, _) = WardRunner.Run("aws", "simulate", "--cases", cases, "--output", output);

        // Then there is one result per line, in order, and the broken one says Error with its line number
        Assert.Equal(0, exitCode);
        var results = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, results.Count);
        Assert.Equal("Allowed", results[0].GetProperty("decision").GetString());
        Assert.Equal("Error", results[1].GetProperty("decision").GetString());
        Assert.Contains("line 2", results[1].GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Equal("ok2", results[2].GetProperty("id").GetString());
    }

    [Fact]
    public void A_missing_cases_file_is_a_usage_error()
    {
        var (exitCode, output) = WardRunner.Run("aws", "simulate", "--cases", "/no/such/cases.jsonl");

        Assert.Equal(2, exitCode);
        Assert.Contains("does not exist", output, StringComparison.Ordinal);
    }
}
