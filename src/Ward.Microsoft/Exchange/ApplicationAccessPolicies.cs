using System.Collections.Immutable;

namespace Ward.Microsoft.Exchange;

/// <summary>
/// The Exchange Online application access policies of the tenant, read from <c>Get-ApplicationAccessPolicy</c> output:
/// all of them, so that an application none names reaches every mailbox its permissions reach. Not exported at all,
/// the directory holds none of these (null), and every mail permission stays conditional.
/// </summary>
public sealed record ApplicationAccessPolicies(ImmutableArray<ApplicationAccessPolicy> Policies, ImmutableArray<string> Files)
{
    /// <summary>Which mailboxes an application's mail, calendar, contacts and mailbox-settings application permissions reach.</summary>
    public MailboxAccess For(string appId) => new([.. Policies.Where(p => p.Covers(appId))]);
}
