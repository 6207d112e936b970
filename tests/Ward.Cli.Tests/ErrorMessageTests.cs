namespace Ward.Cli.Tests;

/// <summary>What an error that reaches the command line says: the problem itself, not how .NET carried it.</summary>
public sealed class ErrorMessageTests
{
    [Fact]
    public void An_error_from_work_done_on_every_core_says_what_went_wrong_inside()
    {
        // Given a failure wrapped by a parallel loop (twice, as nested loops wrap it)
        var wrapped = new AggregateException(new AggregateException(new IOException("No space left on device")));

        // Then the message is the inner failure's, not "One or more errors occurred."
        Assert.Equal("No space left on device", WardApp.ErrorMessage(wrapped, []));
    }

    [Fact]
    public void Any_other_error_is_said_as_it_is()
    {
        Assert.Equal("the input was odd", WardApp.ErrorMessage(new InvalidOperationException("the input was odd"), ["scan", "x"]));
    }
}
