using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>A user's authentication method registration (an item of <c>GET /reports/authenticationMethods/userRegistrationDetails</c>).</summary>
public sealed record UserRegistrationDetails
{
    /// <summary>The user's object id.</summary>
    public required string Id { get; init; }

    public string? UserPrincipalName { get; init; }

    /// <summary>Whether the user has registered a strong authentication method; null when the report does not say.</summary>
    public bool? IsMfaRegistered { get; init; }

    /// <summary>
    /// Whether the user has registered a strong method the authentication methods policy allows, and so can complete
    /// MFA (<c>isMfaCapable</c>); null when the report does not say (unknown, not false).
    /// </summary>
    public bool? IsMfaCapable { get; init; }

    /// <summary><c>microsoftAuthenticatorPush</c>, <c>fido2SecurityKey</c>, <c>mobilePhone</c> …</summary>
    public ImmutableArray<string> MethodsRegistered { get; init; } = [];

    /// <summary>Whether the user holds an admin role (as the report sees it); null when not exported.</summary>
    public bool? IsAdmin { get; init; }

    /// <summary>When the report last refreshed this entry (<c>lastUpdatedDateTime</c>).</summary>
    public DateTimeOffset? LastUpdated { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
