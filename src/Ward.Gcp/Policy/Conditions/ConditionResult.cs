using System.Collections.Immutable;

namespace Ward.Gcp.Policy.Conditions;

/// <summary>Whether a condition holds for a request; when undecided, the parts Ward could not decide and why.</summary>
public sealed record ConditionResult(ConditionTruth Truth, ImmutableArray<string> Undecided)
{
    /// <summary>What the resource's tags made of the tag functions the condition calls (<c>`projects/1` has `123/env/prod`</c>), to explain a decided condition.</summary>
    public ImmutableArray<string> Facts { get; init; } = [];

    /// <summary>
    /// For a condition undecided because it reads a field of <c>request.time</c> that recurs (<c>getHours</c> …):
    /// whether it holds at the reference time, when that alone decides it; null otherwise. The last of
    /// <see cref="Undecided"/> says the same in words.
    /// </summary>
    public bool? HoldsAtReferenceTime { get; init; }

    public static ConditionResult True { get; } = new(ConditionTruth.True, []);

    public static ConditionResult False { get; } = new(ConditionTruth.False, []);

    public bool Equals(ConditionResult? other) =>
        other is not null && Truth == other.Truth && Undecided.SequenceEqual(other.Undecided, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Truth, Undecided.Length);
}
