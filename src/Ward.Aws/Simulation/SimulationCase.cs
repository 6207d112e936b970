using Ward.Aws.Policy.Evaluation;

namespace Ward.Aws.Simulation;

/// <summary>One self-contained authorization case of the neutral JSONL format (docs/formats/aws-simulation-cases.md).</summary>
public sealed record SimulationCase(string Id, AwsRequest Request, AwsPolicySet Policies, string? Expected);
