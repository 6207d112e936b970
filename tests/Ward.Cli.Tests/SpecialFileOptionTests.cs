using Ward.Aws.Tests.Testing;

namespace Ward.Cli.Tests;

/// <summary>
/// Files named by an option rather than as inputs (<c>--resource-policy</c>, <c>--session-policy</c>,
/// <c>--suppressions</c>) are refused, not opened, when they are a named pipe: nothing writing to it, opening it would
/// wait for ever.
/// </summary>
public sealed class SpecialFileOptionTests
{
    private const string User = "arn:aws:iam::111122223333:user/alice";

    [Theory]
    [InlineData("--resource-policy")]
    [InlineData("--session-policy")]
    public void A_named_pipe_given_as_a_policy_file_is_a_usage_error_that_names_it(string option)
    {
        var pipe = Pipe();

        var (exitCode, output) = NamedPipe.LoadWithin(pipe, () => WardRunner.Run("can", "-i", Repository.Samples, User, "s3:GetObject", "arn:aws:s3:::reports/a.csv", option, pipe));

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"policy file `{pipe}` is a named pipe (FIFO), not a regular file", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_pipe_given_as_the_suppressions_file_stops_the_scan_with_its_reason()
    {
        var pipe = Pipe();

        var (exitCode, output) = NamedPipe.LoadWithin(pipe, () => WardRunner.Run("scan", Repository.Samples, "--as-of", "2026-03-16T09:15:00Z", "--suppressions", pipe));

        Assert.Equal(2, exitCode);
        Assert.Contains("WARD4001", output, StringComparison.Ordinal);
        Assert.Contains("a named pipe (FIFO), not a regular file", output, StringComparison.Ordinal);
    }

    private static string Pipe()
    {
        var pipe = Path.Combine(Directory.CreateTempSubdirectory("ward-option-pipe-").FullName, "policy.json");
        NamedPipe.Make(pipe);
        return pipe;
    }
}
