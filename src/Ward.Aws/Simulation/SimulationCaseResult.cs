using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Simulation;

/// <summary>A line of a cases file: a case, or the diagnostics saying why the line could not be read.</summary>
public sealed record SimulationCaseResult(int Line, string? Id, SimulationCase? Case, ImmutableArray<Diagnostic> Diagnostics);
