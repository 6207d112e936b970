using Ward.Analysis.Rules.Applications;
using Ward.Core.Model;
using Ward.Microsoft.Entra.Catalog;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.Privileged;

/// <summary>
/// <c>entra-guest-privileged</c>: a guest user holding a directory role (any tier, eligible too), an Azure role, or
/// ownership of a group, an application or a service principal; one finding per guest listing everything.
/// </summary>
public sealed class EntraGuestPrivilegedRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "entra-guest-privileged",
        "Guest user holds roles or owns groups or applications",
        "privileged-access",
        Severity.High,
        "A guest (userType Guest, or an external account's #EXT# user principal name) holds a directory role, active or PIM-eligible, an Azure role, or owns a group, an application or a service principal. Its home organisation controls its sign-in, MFA and offboarding: when that account is compromised or its owner leaves, this tenant is not told. Critical when the guest is an administrator, holds a Tier 0 role over the tenant, or owns an application whose service principal can take over the tenant; high for other Tier 1 roles and owned role-assignable or role-holding groups; medium for Tier 2 roles, Azure roles and applications with permissions; low for plain group or application ownership.",
        "Remove the guest's roles and ownerships, or move the work to a member account of this tenant, governed by your own lifecycle, MFA and Conditional Access. Where a guest must keep access, make its roles PIM-eligible with approval, require MFA for guests with Conditional Access, and review guest access regularly (access reviews of guests).",
        ["entra", "azure"],
        [
            "https://learn.microsoft.com/en-us/entra/external-id/user-properties",
            "https://learn.microsoft.com/en-us/entra/id-governance/manage-guest-access-with-access-reviews",
            "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/best-practices",
        ]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        var directory = microsoft.Directory;
        var holdings = DirectoryRoleHoldings.Of(microsoft);
        foreach (var guest in directory.Users.Where(DirectoryRoleHoldings.IsGuest).OrderBy(u => u.Id, StringComparer.Ordinal))
        {
            var items = new List<(Severity Severity, string Text)>();
            items.AddRange(holdings.HeldBy(guest.Id).Select(h => (RoleSeverity(h), $"directory role {holdings.Describe(h)}")));
            items.AddRange(MicrosoftGrants.Roles(microsoft, guest.Id).Azure.Select(r => (Severity.Medium, $"Azure role {r}")));
            items.AddRange(OwnedGroups(microsoft, guest.Id).Select(g => GroupItem(microsoft, holdings, g.Group, g.How)));
            items.AddRange(OwnedApplications(microsoft, guest.Id).Select(a => ApplicationItem(microsoft, a.Name, a.ServicePrincipal, a.What)));
            if (items.Count == 0)
            {
                continue;
            }

            var admin = microsoft.Graph.Nodes.TryGetValue(new PrincipalId(guest.Id), out var node) ? node.AdminReason : null;
            var name = microsoft.NameOf(guest.Id) ?? guest.Id;
            var why = guest.UserType == EntraUserType.Guest ? "userType Guest" : "an external account's `#EXT#` user principal name";
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = admin is not null ? Severity.Critical : items.Max(i => i.Severity),
                Provider = "entra",
                Account = microsoft.TenantId,
                Principal = guest.Id,
                PrincipalName = name == guest.Id ? null : name,
                Title = $"Guest `{name}` holds {items.Count} privilege{(items.Count == 1 ? string.Empty : "s")} in this tenant",
                Explanation = ($"`{name}` is a guest ({why}): its home organisation controls its sign-in, MFA and offboarding. "
                    + $"In this tenant it holds: {string.Join("; ", items.OrderByDescending(i => i.Severity).Select(i => i.Text))}. "
                    + (admin is not null ? $"It is an administrator: {admin}." : string.Empty)).TrimEnd(),
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, guest.Id),
            };
        }
    }

    private static Severity RoleSeverity(HeldRole held) => (held.Grant.Role.Tier, held.Grant.IsTenantWide) switch
    {
        (DirectoryRoleTier.Tier0, true) => Severity.Critical,
        (DirectoryRoleTier.Tier0, false) or (DirectoryRoleTier.Tier1, true) => Severity.High,
        _ => Severity.Medium,
    };

    /// <summary>The groups the guest owns (exported owners), or may own through PIM for Groups, with how.</summary>
    private static IEnumerable<(EntraGroup Group, string How)> OwnedGroups(MicrosoftAnalysisContext microsoft, string guestId)
    {
        var directory = microsoft.Directory;
        var owned = directory.Groups.Where(g => g.Owners?.Any(o => Same(o.Id, guestId)) ?? false).Select(g => (g, "owner"));
        var privileged = directory.PrivilegedGroupAssignments
            .Where(p => p.Access == GroupAccessType.Owner && Same(p.PrincipalId, guestId) && (p.EndDateTime is not { } end || end > microsoft.ReferenceTime))
            .Select(p => (Group: directory.FindGroup(p.GroupId), How: p.State == AssignmentState.Eligible ? "PIM-eligible owner" : "owner through PIM for Groups"))
            .Where(p => p.Group is not null)
            .Select(p => (p.Group!, p.How));
        return owned.Concat(privileged).DistinctBy(g => g.Item1.Id, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Item1.Id, StringComparer.Ordinal);
    }

    /// <summary>An owner adds members to its group, itself included: it holds whatever the group holds.</summary>
    private static (Severity, string) GroupItem(MicrosoftAnalysisContext microsoft, DirectoryRoleHoldings holdings, EntraGroup group, string how)
    {
        var roles = holdings.Grants.Where(g => Same(g.PrincipalId, group.Id)).ToList();
        var azure = microsoft.AzureRoleAssignmentsOf(group.Id).Any() || microsoft.AzureEligibleAssignmentsOf(group.Id).Any();
        var severity = roles.Any(r => r is { IsTenantWide: true, Role.Tier: DirectoryRoleTier.Tier0 }) ? Severity.Critical
            : roles.Count > 0 || group.IsAssignableToRole ? Severity.High
            : azure ? Severity.Medium
            : Severity.Low;
        var holds = new List<string>();
        if (roles.Count > 0)
        {
            holds.Add($"directory role{(roles.Count == 1 ? string.Empty : "s")} {string.Join(", ", roles.Select(r => $"{r.Role.Name} ({r.Role.TierLabel})").Distinct(StringComparer.Ordinal))}");
        }

        if (azure)
        {
            holds.Add("Azure role assignments");
        }

        var kind = group.IsAssignableToRole ? "role-assignable group" : "group";
        return (severity, $"{how} of {kind} `{group.DisplayName ?? group.Id}`" + (holds.Count == 0 ? string.Empty : $", which holds {string.Join(" and ", holds)} (an owner can add itself as a member)"));
    }

    /// <summary>The applications and service principals the guest owns, an application and its service principal as one.</summary>
    private static IEnumerable<(string Name, EntraServicePrincipal? ServicePrincipal, string What)> OwnedApplications(MicrosoftAnalysisContext microsoft, string guestId)
    {
        var directory = microsoft.Directory;
        var ownedServicePrincipals = directory.ServicePrincipals.Where(s => s.Owners?.Any(o => Same(o.Id, guestId)) ?? false).ToList();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var application in directory.Applications.Where(a => a.Owners?.Any(o => Same(o.Id, guestId)) ?? false).OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            var servicePrincipal = directory.FindServicePrincipalByAppId(application.AppId);
            var alsoServicePrincipal = servicePrincipal is not null && ownedServicePrincipals.Contains(servicePrincipal);
            if (servicePrincipal is not null)
            {
                seen.Add(servicePrincipal.Id);
            }

            yield return (application.DisplayName ?? application.Id, servicePrincipal, alsoServicePrincipal ? "application and its service principal" : "application");
        }

        foreach (var servicePrincipal in ownedServicePrincipals.Where(s => !seen.Contains(s.Id)).OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            yield return (servicePrincipal.DisplayName ?? servicePrincipal.Id, servicePrincipal, "service principal");
        }
    }

    /// <summary>An owner adds a credential to its application and signs in as it: it holds what the service principal holds.</summary>
    private static (Severity, string) ApplicationItem(MicrosoftAnalysisContext microsoft, string name, EntraServicePrincipal? servicePrincipal, string what)
    {
        var holdings = ServicePrincipalHoldings.Of(microsoft, servicePrincipal);
        var severity = holdings.IsPowerful ? Severity.Critical : holdings.HasAppOnlyAccess ? Severity.Medium : Severity.Low;
        var sentence = holdings.Sentence("its service principal");
        return (severity, $"owner of the {what} `{name}` (an owner can add a credential and sign in as it)"
            + (sentence.Length == 0 ? ", which holds no application permission or role" : $": {sentence.TrimEnd('.')}"));
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
