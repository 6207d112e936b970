using System.Collections.Immutable;

namespace Ward.Microsoft.Entra.ConditionalAccess;

/// <summary>
/// Whether a user's sign-ins require multifactor authentication: the best of the enforced requirements that apply,
/// or the partial ones together, and the policies requiring MFA that miss the user (excluded, report-only, disabled),
/// each worded for explanations.
/// </summary>
/// <param name="UserId">The user's object id.</param>
/// <param name="Requirements">The enforced requirements that apply to the user.</param>
/// <param name="Misses">The policies requiring MFA that miss the user, worded.</param>
/// <param name="Together">
/// How far the partial policies that surely apply reach the user's sign-ins together; null when a requirement is full
/// or no such policy applies.
/// </param>
public sealed record UserMfaCoverage(string UserId, ImmutableArray<MfaRequirement> Requirements, ImmutableArray<string> Misses, SignInCover? Together = null)
{
    public MfaCoverageLevel Level => Requirements.IsEmpty ? MfaCoverageLevel.None
        : Together is { Covered: true } ? MfaCoverageLevel.Full
        : Requirements.Max(r => r.Level);

    /// <summary>The gaps of the partial requirements, when none is full and they do not cover together.</summary>
    public ImmutableArray<string> Gaps => Level == MfaCoverageLevel.Partial
        ? [.. Requirements.SelectMany(r => r.Gaps.Select(g => $"{r.Source}: {g}"))]
        : [];
}
