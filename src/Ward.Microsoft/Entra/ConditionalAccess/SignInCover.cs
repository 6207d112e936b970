using System.Collections.Immutable;

namespace Ward.Microsoft.Entra.ConditionalAccess;

/// <summary>
/// How far a set of Conditional Access policies reaches a user's sign-ins together (<see cref="SignInSpace"/>).
/// </summary>
/// <param name="Uncovered">The first few cells of sign-ins no policy reaches, described (<c>from `other` clients on `iOS`</c>).</param>
/// <param name="UncoveredCount">How many such cells there are.</param>
/// <param name="Openings">The narrowest ways into a sign-in, fewest policies first: what must go to open some cell.</param>
/// <param name="IsUndecided">Whether the conditions made too many cells to check: then nothing is said covered.</param>
public sealed record SignInCover(ImmutableArray<string> Uncovered, int UncoveredCount, ImmutableArray<SignInOpening> Openings, bool IsUndecided)
{
    /// <summary>The verdict when there are too many cells to check.</summary>
    public static SignInCover Undecided { get; } = new([], 0, [], IsUndecided: true);

    /// <summary>Whether every sign-in is reached by one of the policies at least.</summary>
    public bool Covered => !IsUndecided && UncoveredCount == 0;
}
