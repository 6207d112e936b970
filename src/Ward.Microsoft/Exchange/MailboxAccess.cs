using System.Collections.Immutable;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Exchange;

/// <summary>
/// The application access policies that cover one application, and what they leave it. Exchange Online checks a
/// request for a mailbox against them in this order: a DenyAccess policy whose scope holds the mailbox denies it; a
/// RestrictAccess policy whose scope holds it allows it; any other RestrictAccess policy of the application denies it;
/// with none, the request is allowed. So a RestrictAccess policy narrows the application to its scopes (less the denied
/// ones), DenyAccess policies alone leave it every other mailbox.
/// </summary>
public sealed record MailboxAccess(ImmutableArray<ApplicationAccessPolicy> Policies)
{
    private const int NamedMembers = 10;

    public IEnumerable<ApplicationAccessPolicy> Restricting => Policies.Where(p => p.AccessRight == ApplicationAccessRight.RestrictAccess);

    public IEnumerable<ApplicationAccessPolicy> Denying => Policies.Where(p => p.AccessRight == ApplicationAccessRight.DenyAccess);

    public IEnumerable<ApplicationAccessPolicy> Unreadable => Policies.Where(p => p.AccessRight is null);

    /// <summary>
    /// True when no RestrictAccess policy covers the application (DenyAccess policies only take their scopes out of
    /// "every mailbox"); false when one does; null when none does but a policy's access right could not be read.
    /// </summary>
    public bool? ReachesEveryMailbox => Restricting.Any() ? false : Unreadable.Any() ? null : true;

    /// <summary>What the application's mail permissions reach, as a phrase after "reaches": <c>only the members of group `Sales` (…), by the application access policy RestrictAccess to `Sales`</c>.</summary>
    public string Describe(EntraDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var denied = Denying.ToList();
        var except = denied.Count == 0 ? string.Empty : $" except {string.Join(" and ", denied.Select(p => Scope(directory, p)))}";
        var restricting = Restricting.ToList();
        return ReachesEveryMailbox switch
        {
            false => $"only {string.Join(" and ", restricting.Select(p => Scope(directory, p)))}{(denied.Count == 0 ? string.Empty : $", less {string.Join(" and ", denied.Select(p => Scope(directory, p)))}")}, by {Named([.. restricting, .. denied])}",
            true when denied.Count == 0 => "every mailbox (no application access policy names the application)",
            true => $"every mailbox{except}, by {Named(denied)}",
            null => $"every mailbox{except} unless {Named([.. Unreadable])}, whose access right cannot be read, restricts it",
        };
    }

    /// <summary>Whose mailboxes a policy's scope holds, with the users by name when the group's members were exported.</summary>
    public static string Scope(EntraDirectory directory, ApplicationAccessPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(policy);
        var name = policy.ScopeName ?? policy.ScopeObjectId;
        if (policy.ScopeObjectId is not { } id)
        {
            return $"`{name ?? "(unknown scope)"}` (the policy's scope object id cannot be read: who is in it is unknown)";
        }

        if (directory.FindUser(id) is { } user)
        {
            return $"the mailbox of `{user.UserPrincipalName ?? user.DisplayName ?? id}`";
        }

        if (directory.FindGroup(id) is not { } group)
        {
            return $"`{name}` (object `{id}`, not among the exported groups and users: who is in it is unknown)";
        }

        var label = group.DisplayName ?? name;
        if (!directory.HasMemberList(id))
        {
            return $"the members of group `{label}` (its members are not exported)";
        }

        var users = new DirectoryGroupMembership(directory).MembersOf(id)
            .Select(m => directory.FindUser(m) is { } u ? u.UserPrincipalName ?? u.DisplayName ?? m : null)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
        var named = string.Join(", ", users.Take(NamedMembers).Select(u => $"`{u}`")) + (users.Count > NamedMembers ? $" and {users.Count - NamedMembers} more" : string.Empty);
        return users.Count == 0
            ? $"the members of group `{label}` (no user is in it)"
            : $"the members of group `{label}` ({users.Count} user{(users.Count == 1 ? string.Empty : "s")}: {named})";
    }

    private static string Named(List<ApplicationAccessPolicy> policies) =>
        $"the application access polic{(policies.Count == 1 ? "y" : "ies")} {string.Join(", ", policies.Select(p => p.Label))}";
}
