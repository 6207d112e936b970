using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Azure.Rbac;

/// <summary>
/// A classic subscription administrator (Service Administrator, Co-Administrator, Account Administrator), as older
/// exports list them: <c>az role assignment list --include-classic-administrators</c>, or the REST
/// <c>Microsoft.Authorization/classicAdministrators</c> list. Microsoft retired these roles on 2024-08-31; the
/// Service Administrator and Co-Administrators had the access of Owner at the subscription.
/// </summary>
public sealed record ClassicAdministrator
{
    public const string ServiceAdministrator = "ServiceAdministrator";
    public const string CoAdministrator = "CoAdministrator";
    public const string AccountAdministrator = "AccountAdministrator";

    /// <summary>The subscription the administrator was named for.</summary>
    public required string SubscriptionId { get; init; }

    /// <summary>The sign-in address the role was given to (<c>emailAddress</c>; the az CLI's <c>principalName</c>).</summary>
    public required string EmailAddress { get; init; }

    /// <summary>The classic roles, as written (the export joins several with <c>;</c>).</summary>
    public required ImmutableArray<string> Roles { get; init; }

    /// <summary>The Entra object id, when the az CLI found a user with that principal name; null otherwise.</summary>
    public string? PrincipalId { get; init; }

    /// <summary>Where the export lists it (the first place, when several exports list the same administrator).</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;

    public AzureScope Scope => AzureScope.Subscription(SubscriptionId);

    /// <summary>Service Administrator or Co-Administrator: the access of Owner at the subscription.</summary>
    public bool ActsAsOwner => Has(ServiceAdministrator) || Has(CoAdministrator);

    public bool Has(string role) => Roles.Contains(role, StringComparer.OrdinalIgnoreCase);
}
