using System.Collections.Immutable;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.ConditionalAccess;

/// <summary>
/// The policies that alone reach some sign-ins of a user, none of them needless: weakening them all lets those
/// sign-ins through.
/// </summary>
/// <param name="SignIns">Which sign-ins, such as <c>from `browser` clients</c>; null when the policies reach every sign-in.</param>
/// <param name="Policies">The policies, in the order they were given.</param>
public sealed record SignInOpening(string? SignIns, ImmutableArray<ConditionalAccessPolicy> Policies);
