using System.Collections.Immutable;
using Ward.Microsoft.Entra.Catalog;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.Applications;

/// <summary>
/// Which mailboxes a service principal's mail, calendar and mailbox-settings application permissions reach, worded for
/// explanations: decided by the exported Exchange Online application access policies, else unknown (every mailbox
/// assumed).
/// </summary>
internal sealed record MailboxReach(ImmutableArray<HighRiskPermission> Narrowable, string? Decided, bool OnlySomeMailboxes)
{
    public static MailboxReach Of(MicrosoftAnalysisContext microsoft, EntraServicePrincipal servicePrincipal, ImmutableArray<HighRiskPermission> held)
    {
        var narrowable = held.Where(HighRiskPermissions.ExchangeCanNarrow).ToImmutableArray();
        if (narrowable.IsEmpty || microsoft.Directory.ApplicationAccessPolicies is not { } policies)
        {
            return new MailboxReach(narrowable, null, false);
        }

        var access = policies.For(servicePrincipal.AppId);
        return new MailboxReach(narrowable, access.Describe(microsoft.Directory), narrowable.Length == held.Length && access.ReachesEveryMailbox == false);
    }

    /// <summary>
    /// A sentence (with its trailing space) on what the mail permissions reach; with the policies not exported, that they
    /// are taken as reaching every mailbox when <paramref name="assumeEveryMailbox"/>, else nothing.
    /// </summary>
    public string Note(bool assumeEveryMailbox)
    {
        if (Narrowable.IsEmpty)
        {
            return string.Empty;
        }

        var names = string.Join(", ", Narrowable.Select(p => $"`{p.Name}`"));
        return Decided is { } reach
            ? $"With the Exchange Online application access policies exported, {names} {(Narrowable.Length == 1 ? "reaches" : "reach")} {reach}. "
            : assumeEveryMailbox
                ? $"Exchange Online can limit {names} to some mailboxes with an application access policy; the policies are not in the input (`Get-ApplicationAccessPolicy`), so {(Narrowable.Length == 1 ? "it is" : "they are")} taken as reaching every mailbox. "
                : string.Empty;
    }
}
