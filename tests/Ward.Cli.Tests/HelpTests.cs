namespace Ward.Cli.Tests;

public sealed class HelpTests
{
    [Theory]
    [InlineData("can")]
    [InlineData("who-can")]
    [InlineData("what-can")]
    [InlineData("aws simulate")]
    public void Every_command_has_help_that_describes_its_options(string command)
    {
        var (exitCode, output) = WardRunner.Run([.. command.Split(' '), "--help"]);

        Assert.Equal(0, exitCode);
        Assert.Contains("USAGE", output, StringComparison.Ordinal);
        Assert.Contains("OPTIONS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_is_printed()
    {
        var (exitCode, output) = WardRunner.Run("--version");

        Assert.Equal(0, exitCode);
        Assert.Matches(@"\d+\.\d+\.\d+", output);
    }
}
