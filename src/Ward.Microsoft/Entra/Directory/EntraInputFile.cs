namespace Ward.Microsoft.Entra.Directory;

/// <summary>A file the loader was given (or found in a folder), what it was taken for, and a note on it.</summary>
public sealed record EntraInputFile(string Path, EntraInputKind Kind, string Note);
