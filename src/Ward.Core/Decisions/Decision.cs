using System.Collections.Immutable;

namespace Ward.Core.Decisions;

/// <summary>The outcome of one authorization question, always with its explanation.</summary>
public abstract record Decision
{
    private protected Decision(Explanation explanation) => Explanation = explanation;

    public Explanation Explanation { get; }

    public abstract DecisionKind Kind { get; }

    public bool IsAllowed => Kind == DecisionKind.Allowed;
}

public sealed record Allowed(Explanation Explanation) : Decision(Explanation)
{
    public override DecisionKind Kind => DecisionKind.Allowed;
}

public sealed record ExplicitDeny(Explanation Explanation) : Decision(Explanation)
{
    public override DecisionKind Kind => DecisionKind.ExplicitDeny;
}

public sealed record ImplicitDeny(Explanation Explanation) : Decision(Explanation)
{
    public override DecisionKind Kind => DecisionKind.ImplicitDeny;
}

/// <summary>
/// Allowed only if the listed requirements hold (e.g. "`aws:MultiFactorAuthPresent` is `true`"); otherwise
/// <see cref="Otherwise"/>.
/// </summary>
public sealed record Conditional(ImmutableArray<string> Requirements, DecisionKind Otherwise, Explanation Explanation)
    : Decision(Explanation)
{
    public override DecisionKind Kind => DecisionKind.Conditional;
}

public sealed record Indeterminate(string Reason, Explanation Explanation) : Decision(Explanation)
{
    public override DecisionKind Kind => DecisionKind.Indeterminate;
}
