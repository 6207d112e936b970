namespace Ward.Microsoft.Azure.Rbac;

/// <summary>One input file and what was made of it, for the record of a scan.</summary>
public sealed record AzureInputFile(string Path, AzureInputKind Kind, string Note);
