using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// A conditional access policy (an item of <c>GET /identity/conditionalAccess/policies</c>), reduced to whom and what
/// it applies, under which conditions, and what it requires. User lists keep Graph's keywords (<c>All</c>, <c>None</c>,
/// <c>GuestsOrExternalUsers</c>); an empty condition list means the condition is not configured.
/// </summary>
public sealed record ConditionalAccessPolicy
{
    public required string Id { get; init; }

    public string? DisplayName { get; init; }

    public ConditionalAccessPolicyState State { get; init; }

    public ImmutableArray<string> IncludeUsers { get; init; } = [];

    public ImmutableArray<string> ExcludeUsers { get; init; } = [];

    public ImmutableArray<string> IncludeGroups { get; init; } = [];

    public ImmutableArray<string> ExcludeGroups { get; init; } = [];

    /// <summary>Directory role template ids.</summary>
    public ImmutableArray<string> IncludeRoles { get; init; } = [];

    public ImmutableArray<string> ExcludeRoles { get; init; } = [];

    /// <summary>The kinds of guests and external users included (<c>includeGuestsOrExternalUsers</c>); null when not set.</summary>
    public ConditionalAccessExternalUsers? IncludeGuestsOrExternalUsers { get; init; }

    public ConditionalAccessExternalUsers? ExcludeGuestsOrExternalUsers { get; init; }

    public bool IncludesGuestsOrExternalUsers => IncludeGuestsOrExternalUsers is not null;

    public bool ExcludesGuestsOrExternalUsers => ExcludeGuestsOrExternalUsers is not null;

    /// <summary>Application ids, or <c>All</c>, <c>Office365</c>, <c>MicrosoftAdminPortals</c>.</summary>
    public ImmutableArray<string> IncludeApplications { get; init; } = [];

    public ImmutableArray<string> ExcludeApplications { get; init; } = [];

    /// <summary><c>urn:user:registersecurityinfo</c>, <c>urn:user:registerdevice</c>: the policy applies to these actions instead of applications.</summary>
    public ImmutableArray<string> IncludeUserActions { get; init; } = [];

    /// <summary>Authentication contexts (<c>c1</c> …): the policy applies to the resources tagged with them instead of applications.</summary>
    public ImmutableArray<string> IncludeAuthenticationContextClassReferences { get; init; } = [];

    /// <summary>The rule of <c>applications.applicationFilter</c>, which narrows the applications by their custom security attributes.</summary>
    public ConditionalAccessFilter? ApplicationFilter { get; init; }

    /// <summary><c>all</c>, <c>browser</c>, <c>mobileAppsAndDesktopClients</c>, <c>exchangeActiveSync</c>, <c>other</c>.</summary>
    public ImmutableArray<string> ClientAppTypes { get; init; } = [];

    /// <summary><c>all</c>, <c>android</c>, <c>iOS</c>, <c>windows</c>, <c>macOS</c>, <c>linux</c> …</summary>
    public ImmutableArray<string> IncludePlatforms { get; init; } = [];

    public ImmutableArray<string> ExcludePlatforms { get; init; } = [];

    /// <summary>Named location ids, or <c>All</c>, <c>AllTrusted</c>.</summary>
    public ImmutableArray<string> IncludeLocations { get; init; } = [];

    public ImmutableArray<string> ExcludeLocations { get; init; } = [];

    /// <summary><c>low</c>, <c>medium</c>, <c>high</c>, <c>none</c>: the policy applies only at these user risk levels.</summary>
    public ImmutableArray<string> UserRiskLevels { get; init; } = [];

    public ImmutableArray<string> SignInRiskLevels { get; init; } = [];

    /// <summary><c>minor</c>, <c>moderate</c>, <c>elevated</c> (a comma-separated flags value in Graph).</summary>
    public ImmutableArray<string> InsiderRiskLevels { get; init; } = [];

    /// <summary><c>devices.deviceFilter</c>: the policy applies to (mode <c>include</c>) or not to (<c>exclude</c>) devices matching the rule.</summary>
    public ConditionalAccessFilter? DeviceFilter { get; init; }

    /// <summary><c>authenticationFlows.transferMethods</c>: <c>deviceCodeFlow</c>, <c>authenticationTransfer</c>; the policy applies to these flows only.</summary>
    public ImmutableArray<string> AuthenticationFlows { get; init; } = [];

    /// <summary><c>AND</c> or <c>OR</c>; null without grant controls (a session-only or block-less policy).</summary>
    public string? GrantOperator { get; init; }

    /// <summary><c>mfa</c>, <c>block</c>, <c>compliantDevice</c>, <c>domainJoinedDevice</c>, <c>passwordChange</c> …</summary>
    public ImmutableArray<string> BuiltInControls { get; init; } = [];

    /// <summary>Ids of terms of use the user may accept to satisfy the grant (an alternative under <c>OR</c>).</summary>
    public ImmutableArray<string> TermsOfUse { get; init; } = [];

    /// <summary>Ids of custom controls (third-party authentication providers).</summary>
    public ImmutableArray<string> CustomAuthenticationFactors { get; init; } = [];

    /// <summary>The authentication strength the grant requires, if any.</summary>
    public AuthenticationStrength? AuthenticationStrength { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
