using System.Diagnostics;

namespace Ward.Benchmarks;

/// <summary>Times the scan's progress steps: each step lasts until the next one is reported.</summary>
public sealed class StepTimer : IProgress<string>
{
    private readonly Stopwatch watch = Stopwatch.StartNew();
    private readonly List<(string Step, double Seconds)> finished = [];
    private string? current;

    public void Report(string value)
    {
        if (current is not null)
        {
            finished.Add((current, watch.Elapsed.TotalSeconds));
        }

        current = value;
        watch.Restart();
    }

    public IEnumerable<(string Step, double Seconds)> Slowest(int count) => finished.OrderByDescending(s => s.Seconds).Take(count);
}
