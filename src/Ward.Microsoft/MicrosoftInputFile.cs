namespace Ward.Microsoft;

/// <summary>One input file and what it was taken for, with a note for people (what was read, or why not).</summary>
public sealed record MicrosoftInputFile(string Path, MicrosoftInputKind Kind, string Note);
