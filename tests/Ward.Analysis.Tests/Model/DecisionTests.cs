using Ward.Core.Decisions;

namespace Ward.Analysis.Tests.Model;

public sealed class DecisionTests
{
    [Fact]
    public void An_explanation_handed_over_as_a_function_is_worked_out_on_first_reading()
    {
        var calls = 0;
        var decision = new Allowed(() =>
        {
            calls++;
            return Explanation.Of("Allowed by the identity policy.");
        });

        Assert.Equal(0, calls);
        Assert.Equal("Allowed by the identity policy.", decision.Explanation.Summary);
        Assert.Same(decision.Explanation, decision.Explanation);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void A_copy_explains_as_the_original_whether_made_before_or_after_the_first_reading()
    {
        var calls = 0;
        var explanation = Explanation.Of("Allowed by the identity policy.");
        var decision = new Allowed(() =>
        {
            calls++;
            return explanation;
        });

        var before = decision with { };
        Assert.Same(explanation, decision.Explanation);
        var after = decision with { };

        Assert.Same(explanation, before.Explanation);
        Assert.Same(explanation, after.Explanation);
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Threads_reading_a_new_decisions_explanation_at_once_all_get_it()
    {
        // Analyses share decisions between checkers on several cores, and the first reading of an explanation may
        // come from two of them at once. Many fresh decisions, each read by every thread in the same order, make the
        // readings meet: a thread that found no explanation yet must not then find the function gone.
        const int Decisions = 200_000;
        var explanation = Explanation.Of("Allowed.");
        var failures = 0;
        for (var round = 0; round < 5; round++)
        {
            var decisions = Enumerable.Range(0, Decisions).Select(_ => new Allowed(() => explanation)).ToArray();
            var readers = Enumerable.Range(0, Math.Max(4, Environment.ProcessorCount)).Select(_ => new Thread(() =>
            {
                foreach (var decision in decisions)
                {
                    try
                    {
                        if (!ReferenceEquals(decision.Explanation, explanation))
                        {
                            Interlocked.Increment(ref failures);
                        }
                    }
                    catch (NullReferenceException)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            })).ToList();

            readers.ForEach(t => t.Start());
            readers.ForEach(t => t.Join());
        }

        Assert.Equal(0, failures);
    }
}
