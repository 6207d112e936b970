using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Simulation;
using Ward.Core.Decisions;

namespace Ward.Aws.Tests.Policy;

/// <summary>
/// Replays the oracle-generated corpora: every case must get the decision the independent simulator (checked
/// against the AWS documentation) expects.
/// </summary>
public sealed class CorpusTests
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> Lines = new(StringComparer.Ordinal);

    public static TheoryData<string, int> SampleCases() => CaseIds("sample.jsonl");

    [Theory]
    [MemberData(nameof(SampleCases))]
    public void Sample_case_gets_the_expected_decision(string file, int line) => AssertCase(file, line);

    public static TheoryData<string, int> DifferentialCases() => CaseIds("differential.jsonl");

    [Theory]
    [MemberData(nameof(DifferentialCases))]
    public void Differential_case_gets_the_oracle_decision(string file, int line) => AssertCase(file, line);

    internal static TheoryData<string, int> CaseIds(string file)
    {
        var data = new TheoryData<string, int>();
        var path = Path.Combine(AppContext.BaseDirectory, "Policy", "Corpus", file);
        if (!File.Exists(path))
        {
            return data;
        }

        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (!string.IsNullOrWhiteSpace(text))
            {
                data.Add(file, line);
            }
        }

        return data;
    }

    internal static void AssertCase(string file, int line)
    {
        // Given the case on that line of the corpus
        var text = Lines.GetOrAdd(file, f => File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Policy", "Corpus", f)))[line - 1];
        var result = SimulationCaseReader.ReadLine(text, file, line);
        Assert.Empty(result.Diagnostics);
        var simulationCase = Assert.IsType<SimulationCase>(result.Case);

        // When Ward decides it
        var decision = AwsAuthorizer.Authorize(simulationCase.Request, simulationCase.Policies);

        // Then it agrees with the oracle
        Assert.True(
            simulationCase.Expected == decision.Kind.ToString(),
            $"{simulationCase.Id}: expected {simulationCase.Expected}, got {decision.Kind}: {decision.Explanation.Summary}");
        Assert.False(string.IsNullOrWhiteSpace(decision.Explanation.Summary));
        if (decision.Kind != DecisionKind.ImplicitDeny || decision.Explanation.Layers.Any(l => l.Decisive))
        {
            Assert.NotEmpty(decision.Explanation.Layers);
        }
    }
}
