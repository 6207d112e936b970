namespace Ward.Microsoft.Entra.Federation;

/// <summary>What a federated identity credential accepts: how broadly, in a few words for a title, and in full.</summary>
public sealed record SubjectVerdict(SubjectBreadth Breadth, string Brief, string Accepts);
