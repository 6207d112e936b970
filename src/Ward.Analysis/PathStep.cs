using System.Collections.Immutable;

namespace Ward.Analysis;

/// <summary>One step of an escalation path: from a principal, by a technique, to a principal, with the permissions used.</summary>
public sealed record PathStep(string From, string Technique, string To, string Description, ImmutableArray<PathPermission> Permissions, ImmutableArray<string> Requirements);

public sealed record PathPermission(string Action, string Resource, string GrantedBy);
