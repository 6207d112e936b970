using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// A conditional access policy (an item of <c>GET /identity/conditionalAccess/policies</c>), reduced to whom and what
/// it applies and what it requires. User lists keep Graph's keywords (<c>All</c>, <c>None</c>, <c>GuestsOrExternalUsers</c>).
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

    /// <summary>Whether <c>includeGuestsOrExternalUsers</c> is set (the kinds of guests it names are not kept).</summary>
    public bool IncludesGuestsOrExternalUsers { get; init; }

    public bool ExcludesGuestsOrExternalUsers { get; init; }

    /// <summary>Application ids, or <c>All</c>, <c>Office365</c>, <c>MicrosoftAdminPortals</c>.</summary>
    public ImmutableArray<string> IncludeApplications { get; init; } = [];

    public ImmutableArray<string> ExcludeApplications { get; init; } = [];

    /// <summary><c>AND</c> or <c>OR</c>; null without grant controls (a session-only or block-less policy).</summary>
    public string? GrantOperator { get; init; }

    /// <summary><c>mfa</c>, <c>block</c>, <c>compliantDevice</c>, <c>domainJoinedDevice</c>, <c>passwordChange</c> …</summary>
    public ImmutableArray<string> BuiltInControls { get; init; } = [];

    /// <summary>The id of the required authentication strength policy, if any.</summary>
    public string? AuthenticationStrengthId { get; init; }

    public string? AuthenticationStrengthDisplayName { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
