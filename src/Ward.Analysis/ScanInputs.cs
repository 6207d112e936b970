using System.Collections.Immutable;
using Ward.Aws.Estate;
using Ward.Core.Diagnostics;

namespace Ward.Analysis;

/// <summary>A file a scan read: the reader that took it (<c>aws</c>, <c>microsoft</c>, <c>gcp</c>), as what, and a note on it.</summary>
public sealed record ReadInput(string Path, string Provider, string Kind, string Note);

/// <summary>A file no reader could use, and why.</summary>
public sealed record SkippedInput(string Path, string Reason);

/// <summary>
/// What a scan was given, over every provider: the files read, those skipped, and the diagnostics on them (each
/// file's verdict once: another cloud's export is not "not recognised" because AWS did not take it).
/// </summary>
public sealed record ScanInputs(ImmutableArray<ReadInput> Read, ImmutableArray<SkippedInput> Skipped, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>What an AWS estate says alone: a scan with no other provider's readers (a library caller's).</summary>
    public static ScanInputs Of(AwsEstate estate) => new(
        [.. estate.Inputs.Where(i => i.Kind is not (InputKind.Unrecognized or InputKind.Unreadable)).Select(i => new ReadInput(i.Path, "aws", i.Kind.ToString(), i.Note))],
        [.. estate.Inputs.Where(i => i.Kind is InputKind.Unrecognized or InputKind.Unreadable).Select(i => new SkippedInput(i.Path, i.Note))],
        estate.Diagnostics);
}
