namespace Ward.Core.Decisions;

/// <summary>
/// What a cache of decisions keeps of a denial: its kind alone. Most questions an analysis asks are denied, and
/// each denial is an object holding the function that would explain it; kept by a cache, hundreds of thousands of
/// them live (and are traced by the collector) to the end of a scan, though a denial ends an edge unread. The asker
/// gets a denial of its own (<see cref="Recall"/>), explained only if read.
/// </summary>
public static class KeptDenial
{
    private static readonly ImplicitDeny Implicit = new(Unread);
    private static readonly ExplicitDeny Explicit = new(Unread);

    /// <summary>What to keep of the decision: the decision itself, or for a denial, its kind.</summary>
    public static Decision Keep(Decision decision) => decision switch
    {
        ImplicitDeny => Implicit,
        ExplicitDeny => Explicit,
        _ => decision,
    };

    /// <summary>Whether a kept decision is a denial's kind, to be recalled with <see cref="Recall"/> before it is handed out.</summary>
    public static bool IsKind(Decision? kept) => ReferenceEquals(kept, Implicit) || ReferenceEquals(kept, Explicit);

    /// <summary>The decision to hand out for a kept one: a denial of its kind whose explanation <paramref name="explain"/> works out (the same question asked again).</summary>
    public static Decision Recall(Decision kept, Func<Explanation> explain) =>
        ReferenceEquals(kept, Implicit) ? new ImplicitDeny(explain)
        : ReferenceEquals(kept, Explicit) ? new ExplicitDeny(explain)
        : kept;

    private static Explanation Unread() => throw new InvalidOperationException("a kept denial's kind was handed out without being recalled");
}
