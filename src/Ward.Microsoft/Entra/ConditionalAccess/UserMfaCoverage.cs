using System.Collections.Immutable;

namespace Ward.Microsoft.Entra.ConditionalAccess;

/// <summary>
/// Whether a user's sign-ins require multifactor authentication: the best of the enforced requirements that apply,
/// and the policies requiring MFA that miss the user (excluded, report-only, disabled), each worded for explanations.
/// </summary>
public sealed record UserMfaCoverage(string UserId, ImmutableArray<MfaRequirement> Requirements, ImmutableArray<string> Misses)
{
    public MfaCoverageLevel Level => Requirements.IsEmpty ? MfaCoverageLevel.None : Requirements.Max(r => r.Level);

    /// <summary>The gaps of the partial requirements, when none is full.</summary>
    public ImmutableArray<string> Gaps => Level == MfaCoverageLevel.Partial
        ? [.. Requirements.SelectMany(r => r.Gaps.Select(g => $"{r.Source}: {g}"))]
        : [];
}
