using System.Collections.Immutable;

namespace Ward.Core.Decisions;

/// <summary>The outcome of one authorization question, always with its explanation.</summary>
/// <remarks>
/// An engine may hand the explanation over as a function: analyses ask millions of questions and read the
/// explanation of few answers (the allows they report), so it is worked out on first reading, once.
/// </remarks>
public abstract record Decision
{
    private Func<Explanation>? _explain;
    private Explanation? _explanation;

    private protected Decision(Explanation explanation) => _explanation = explanation;

    private protected Decision(Func<Explanation> explain) => _explain = explain;

    /// <summary>
    /// A copy (<c>with</c>), read in the getter's order: another thread may let the function go while it is copied,
    /// and then it has published the explanation first.
    /// </summary>
    protected Decision(Decision original)
    {
        ArgumentNullException.ThrowIfNull(original);
        _explain = Volatile.Read(ref original._explain);
        _explanation = Volatile.Read(ref original._explanation);
    }

    public Explanation Explanation
    {
        get
        {
            if (Volatile.Read(ref _explanation) is { } known)
            {
                return known;
            }

            // Two threads may both work it out (the result is the same). The function is let go only after the
            // explanation is published, so a thread that finds the function gone finds the explanation.
            if (Volatile.Read(ref _explain) is not { } explain)
            {
                return Volatile.Read(ref _explanation)!;
            }

            var made = explain();
            Volatile.Write(ref _explanation, made);
            Volatile.Write(ref _explain, null);
            return made;
        }
    }

    public abstract DecisionKind Kind { get; }

    public bool IsAllowed => Kind == DecisionKind.Allowed;

    // By kind and explanation, however the explanation was handed over.
    public virtual bool Equals(Decision? other) =>
        other is not null && EqualityContract == other.EqualityContract && Explanation.Equals(other.Explanation);

    public override int GetHashCode() => HashCode.Combine(EqualityContract, Explanation);
}

public sealed record Allowed : Decision
{
    public Allowed(Explanation explanation)
        : base(explanation)
    {
    }

    public Allowed(Func<Explanation> explain)
        : base(explain)
    {
    }

    public override DecisionKind Kind => DecisionKind.Allowed;
}

public sealed record ExplicitDeny : Decision
{
    public ExplicitDeny(Explanation explanation)
        : base(explanation)
    {
    }

    public ExplicitDeny(Func<Explanation> explain)
        : base(explain)
    {
    }

    public override DecisionKind Kind => DecisionKind.ExplicitDeny;
}

public sealed record ImplicitDeny : Decision
{
    public ImplicitDeny(Explanation explanation)
        : base(explanation)
    {
    }

    public ImplicitDeny(Func<Explanation> explain)
        : base(explain)
    {
    }

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
