using System.Collections.Immutable;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// The authentication strength a policy's grant requires (<c>grantControls.authenticationStrength</c>, an
/// <c>authenticationStrengthPolicy</c>, which Graph v1.0 returns expanded within the policy): built-in
/// (Multifactor authentication, Passwordless MFA, Phishing-resistant MFA) or custom, and the method combinations that
/// satisfy it.
/// </summary>
public sealed record AuthenticationStrength
{
    public string? Id { get; init; }

    public string? DisplayName { get; init; }

    /// <summary><c>builtIn</c>, <c>custom</c>.</summary>
    public string? PolicyType { get; init; }

    /// <summary><c>mfa</c> when satisfying the strength grants the MFA claim, <c>none</c> when it does not; null when the export does not say.</summary>
    public string? RequirementsSatisfied { get; init; }

    /// <summary>Each a comma-separated set of <c>authenticationMethodModes</c>: <c>password,microsoftAuthenticatorPush</c>, <c>fido2</c>, <c>sms</c>.</summary>
    public ImmutableArray<string> AllowedCombinations { get; init; } = [];
}
