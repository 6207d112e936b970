using System.Collections.Immutable;

namespace Ward.Gcp.Policy.Conditions;

/// <summary>
/// A node of the syntax tree of a CEL expression, with the span of source text it was read from (so a note can quote
/// the part of a condition Ward could not decide exactly as it was written).
/// </summary>
internal abstract record CelNode
{
    public required int Start { get; init; }

    public required int End { get; init; }
}

internal sealed record CelLiteral(CelValue Value) : CelNode;

/// <summary>A name: <c>request</c>, <c>resource</c>, <c>api</c>.</summary>
internal sealed record CelIdentifier(string Name) : CelNode;

/// <summary>A field of a value: <c>request.time</c>, <c>resource.name</c>.</summary>
internal sealed record CelSelect(CelNode Target, string Field) : CelNode;

/// <summary>A function call, global (<c>timestamp("…")</c>) or on a target (<c>resource.name.startsWith("…")</c>).</summary>
internal sealed record CelCall(CelNode? Target, string Function, ImmutableArray<CelNode> Arguments) : CelNode;

internal sealed record CelIndex(CelNode Target, CelNode Index) : CelNode;

internal sealed record CelList(ImmutableArray<CelNode> Items) : CelNode;

internal sealed record CelMap(ImmutableArray<(CelNode Key, CelNode Value)> Entries) : CelNode;

/// <summary><c>!</c> or <c>-</c>.</summary>
internal sealed record CelUnary(string Operator, CelNode Operand) : CelNode;

/// <summary><c>&amp;&amp;</c>, <c>||</c>, a relation (<c>==</c>, <c>&lt;</c>, <c>in</c> …) or arithmetic.</summary>
internal sealed record CelBinary(string Operator, CelNode Left, CelNode Right) : CelNode;

/// <summary><c>test ? ifTrue : ifFalse</c>.</summary>
internal sealed record CelConditional(CelNode Test, CelNode IfTrue, CelNode IfFalse) : CelNode;
