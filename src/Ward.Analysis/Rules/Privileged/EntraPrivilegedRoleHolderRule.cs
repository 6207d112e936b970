using Ward.Microsoft.Entra.Catalog;

namespace Ward.Analysis.Rules.Privileged;

/// <summary>
/// <c>entra-privileged-role-holder</c>: an inventory of the principals (users, groups, service principals) holding a
/// Tier 0 or Tier 1 directory role, active or PIM-eligible, directly or through a role-assignable group, one finding
/// each listing every such role with its tier, scope and state.
/// </summary>
public sealed class EntraPrivilegedRoleHolderRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "entra-privileged-role-holder",
        "Principal holds a Tier 0 or Tier 1 directory role",
        "privileged-access",
        Severity.High,
        "A user, group or service principal holds a Tier 0 directory role (control of the tenant: Global, Privileged Role or Privileged Authentication Administrator, application, Conditional Access, federation and device administrators) or a Tier 1 role (Microsoft 365 data and services: Exchange, SharePoint, Teams, Compliance, Power Platform; or other users' accounts: User, Helpdesk, Authentication Administrator), active or PIM-eligible, itself or through a role-assignable group. Each role is listed with its tier, scope, state and what it reaches. High for a Tier 0 role over the whole tenant (critical when the holder is a guest), medium for Tier 1, one level lower when the role is scoped to an administrative unit or one object.",
        "Confirm with the holder's manager that each role is still needed, at that scope. Make Tier 0 and Tier 1 roles PIM-eligible (with MFA, justification and, for Tier 0, approval on activation) rather than active, scope Tier 1 roles to administrative units where the job allows, keep Tier 0 roles on cloud-only accounts used for administration only, and review the holders regularly with access reviews.",
        ["entra"],
        [
            "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/permissions-reference",
            "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/privileged-roles-permissions",
            "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/best-practices",
        ]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        var holdings = DirectoryRoleHoldings.Of(microsoft);
        foreach (var principal in holdings.Holders())
        {
            var held = holdings.HeldBy(principal).Where(h => h.Grant.Role.Tier != DirectoryRoleTier.Tier2)
                .OrderBy(h => h.Grant.Role.Tier).ThenBy(h => h.Grant.Role.Name, StringComparer.Ordinal).ThenBy(h => h.Grant.Assignment.Id, StringComparer.Ordinal)
                .ToList();
            if (held.Count == 0)
            {
                continue;
            }

            var name = microsoft.NameOf(principal) ?? principal;
            var guest = microsoft.Directory.FindUser(principal) is { } user && DirectoryRoleHoldings.IsGuest(user);
            var roles = held.Select(h => $"{h.Grant.Role.Name} ({h.Grant.Role.TierLabel})").Distinct(StringComparer.Ordinal).ToList();
            var reaches = held.Select(h => h.Grant.Role).DistinctBy(r => r.Name, StringComparer.Ordinal).Select(r => $"{r.Name}: {r.Reach}" + (r.Basis is { } basis ? $" (tiered as a {basis})" : string.Empty));
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = held.Max(h => SeverityOf(h, guest)),
                Provider = "entra",
                Account = microsoft.TenantId,
                Principal = principal,
                PrincipalName = name == principal ? null : name,
                Title = roles.Count == 1 ? $"`{name}` holds {roles[0]}" : $"`{name}` holds {roles.Count} privileged directory roles: {string.Join(", ", roles)}",
                Explanation = ($"`{name}` is a {holdings.KindOf(principal)}. It holds {string.Join("; ", held.Select(holdings.Describe))}. "
                    + $"What each reaches: {string.Join("; ", reaches)}. "
                    + (held.Any(h => h.State == RoleHoldState.Eligible) ? "An eligible role is one PIM activation away. " : string.Empty)
                    + (held.Any(h => h.State == RoleHoldState.Permanent) && !holdings.HasScheduleData ? "The export has no PIM assignment schedule instances, so an active assignment is read as having no end. " : string.Empty)
                    + (microsoft.Directory.FindUser(principal) is { AccountEnabled: false } ? "The account is disabled (`accountEnabled` false): it cannot sign in until someone enables it again, which a User Administrator can. " : string.Empty)
                    + MicrosoftGrants.GroupMembers(microsoft, principal, "Its members hold the same")
                    + (held.Any(h => !h.Grant.IsTenantWide) ? "A role over an administrative unit, one object or an app-specific scope reaches only that." : string.Empty)).TrimEnd(),
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, principal, string.Join(",", held.Select(h => $"{h.Grant.Assignment.RoleDefinitionId}@{h.Grant.Assignment.DirectoryScope.Text}").Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))),
            };
        }
    }

    /// <summary>Tier 0 over the tenant high (critical for a guest), Tier 1 medium; a role scoped to an administrative unit or an object one level lower.</summary>
    private static Severity SeverityOf(HeldRole held, bool guest) => (held.Grant.Role.Tier, held.Grant.IsTenantWide) switch
    {
        (DirectoryRoleTier.Tier0, true) => guest ? Severity.Critical : Severity.High,
        (DirectoryRoleTier.Tier0, false) => Severity.Medium,
        (DirectoryRoleTier.Tier1, true) => Severity.Medium,
        _ => Severity.Low,
    };
}
