namespace Ward.Gcp.Iam;

/// <summary>One input file and what was made of it, for the record of a scan.</summary>
public sealed record GcpInputFile(string Path, GcpInputKind Kind, string Note);
