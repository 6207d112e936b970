using System.Collections.Immutable;

namespace Ward.Core.Graph;

/// <summary>One permission an edge relies on: the action, the resource, what granted it and under which conditions.</summary>
public sealed record EdgePermission(string Action, string Resource, string GrantedBy, ImmutableArray<string> Conditions);
