namespace Ward.Analysis.Rules.Applications;

/// <summary>What a federated identity credential accepts: how broadly, in a few words for a title, and in full.</summary>
internal sealed record SubjectVerdict(SubjectBreadth Breadth, string Short, string Accepts);
