using System.Collections.Immutable;

namespace Ward.Microsoft.Entra.ConditionalAccess;

/// <summary>
/// One enforced requirement of multifactor authentication that applies to a user: an enabled conditional access policy
/// or the security defaults, how it reaches the user, and the gaps that make it partial (none when it is full).
/// </summary>
/// <param name="Source">What requires it: <c>policy `CA001 Require MFA for admins`</c>, <c>security defaults</c>.</param>
/// <param name="Reason">How it applies to the user: <c>it includes role `Global Administrator`</c>.</param>
/// <param name="Level">Full, or partial when it has gaps.</param>
/// <param name="Gaps">The sign-ins it leaves out: <c>it applies to the Microsoft admin portals only</c>.</param>
public sealed record MfaRequirement(string Source, string Reason, MfaCoverageLevel Level, ImmutableArray<string> Gaps);
