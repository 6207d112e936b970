using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Exchange;

/// <summary>
/// One Exchange Online application access policy, as <c>Get-ApplicationAccessPolicy</c> lists it: the application it
/// limits, whether it restricts the application to its scope or denies it the scope, and the scope, a mail-enabled
/// security group (nested groups included) or a single mailbox's user.
/// </summary>
public sealed record ApplicationAccessPolicy
{
    /// <summary>The application (client) id the policy limits; <c>*</c> for every application.</summary>
    public required string AppId { get; init; }

    /// <summary>Null when the file's value could not be read (a number, an unknown name): the policy limits the application somehow.</summary>
    public ApplicationAccessRight? AccessRight { get; init; }

    /// <summary>The scope's Exchange name (<c>ScopeName</c>).</summary>
    public string? ScopeName { get; init; }

    /// <summary>The scope's Entra ID object id, the part of <c>ScopeIdentityRaw</c> after its SID; null when it cannot be read.</summary>
    public string? ScopeObjectId { get; init; }

    public string? Description { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>Whether the policy is about this application.</summary>
    public bool Covers(string appId) => string.Equals(AppId, appId, StringComparison.OrdinalIgnoreCase);

    /// <summary>The policy for people: its access right and scope (<c>RestrictAccess to `Sales Mailboxes`</c>).</summary>
    public string Label => $"{AccessRight?.ToString() ?? "(unreadable access right)"} {(AccessRight == ApplicationAccessRight.DenyAccess ? "on" : "to")} `{ScopeName ?? ScopeObjectId ?? "(unknown scope)"}`";
}
