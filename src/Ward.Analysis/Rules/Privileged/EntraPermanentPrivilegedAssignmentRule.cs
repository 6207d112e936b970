using Ward.Microsoft.Entra.Catalog;

namespace Ward.Analysis.Rules.Privileged;

/// <summary>
/// <c>entra-permanent-privileged-assignment</c>: an active, tenant-wide Tier 0 directory role assignment with no end,
/// neither a PIM eligibility nor time-bound nor a PIM activation.
/// </summary>
public sealed class EntraPermanentPrivilegedAssignmentRule : IRule
{

    public RuleMetadata Metadata { get; } = new(
        "entra-permanent-privileged-assignment",
        "Permanent Tier 0 directory role assignment",
        "privileged-access",
        Severity.High,
        "A Tier 0 directory role (Global Administrator, Privileged Role Administrator, application or Conditional Access administrators and the like) is assigned tenant-wide, active, with no end: not PIM-eligible, not time-bound, not an activation. A standing assignment is usable at any moment: whoever steals the account's session or credentials controls the tenant with no activation, approval or MFA prompt from Privileged Identity Management, and no alert that the role was just activated. Emergency access accounts are the documented exception.",
        "Convert the assignment to a PIM eligibility with MFA, justification and approval on activation, and a maximum activation time of a few hours; assign through a role-assignable group managed by PIM for Groups when several roles go together. Keep permanent Global Administrator only for the two cloud-only emergency access accounts Microsoft recommends, and suppress their findings with a justification.",
        ["entra"],
        [
            "https://learn.microsoft.com/en-us/entra/id-governance/privileged-identity-management/pim-configure",
            "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/best-practices",
            "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/security-emergency-access",
        ]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        var holdings = DirectoryRoleHoldings.Of(microsoft);
        foreach (var grant in holdings.Grants.Where(g => g is { State: RoleHoldState.Permanent, IsTenantWide: true, Role.Tier: DirectoryRoleTier.Tier0 }))
        {
            var principal = grant.PrincipalId;
            var name = microsoft.NameOf(principal) ?? principal;
            var role = grant.Role.Name;
            var isGroup = microsoft.Directory.FindGroup(principal) is not null;
            var globalAdministrator = microsoft.Directory.IsGlobalAdministrator(grant.Assignment.RoleDefinitionId);
            var disabled = microsoft.Directory.FindUser(principal) is { AccountEnabled: false };

            // Without a schedule instance, an active assignment of a role the principal is also eligible for (same role
            // and scope) is most likely an activation of that eligibility, which roleAssignments lists the same way.
            var eligibility = grant.HasScheduleInstance ? null : holdings.Grants.FirstOrDefault(g => g.State == RoleHoldState.Eligible
                && string.Equals(g.PrincipalId, principal, StringComparison.OrdinalIgnoreCase)
                && string.Equals(g.Assignment.RoleDefinitionId, grant.Assignment.RoleDefinitionId, StringComparison.OrdinalIgnoreCase)
                && string.Equals(g.Assignment.DirectoryScope.Text, grant.Assignment.DirectoryScope.Text, StringComparison.OrdinalIgnoreCase));
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = Metadata.DefaultSeverity,
                Provider = "entra",
                Account = microsoft.TenantId,
                Principal = principal,
                PrincipalName = name == principal ? null : name,
                Title = $"`{name}` holds {role} permanently",
                Explanation = ($"{role} ({grant.Role.TierLabel}: {grant.Role.Reach}) is assigned to the {holdings.KindOf(principal)} `{name}` tenant-wide, active with no end (assignment `{grant.Assignment.Id}`): "
                    + (grant.HasScheduleInstance
                        ? "its PIM assignment schedule instance is `Assigned` with no end date, not an activation. "
                        : holdings.HasScheduleData
                            ? "the export holds PIM assignment schedule instances, but none for this assignment, so its roleAssignments entry is read as having no end (a PIM activation or a time-bound assignment would show in its instance). "
                            : "the export has no PIM assignment schedule instances, and a roleAssignments entry without one has no end (a PIM activation or a time-bound assignment would show in them). ")
                    + (eligibility is null ? string.Empty
                        : $"But the {holdings.KindOf(principal)} is also PIM-eligible for {role} at the same scope (eligibility `{eligibility.Assignment.Id}`), and an activated eligibility is listed in roleAssignments like a permanent assignment: this is probably an activation that ends within hours, which only the assignment schedule instances (`GET /roleManagement/directory/roleAssignmentScheduleInstances`) can confirm. ")
                    + (disabled
                        ? "The account is disabled (`accountEnabled` false), so the role is not usable now; but it is usable the moment someone enables the account again (a User Administrator can), with no activation, approval or MFA prompt from Privileged Identity Management. "
                        : "The role is usable at any moment, with no activation, approval or MFA prompt from Privileged Identity Management. ")
                    + MicrosoftGrants.GroupMembers(microsoft, principal, "Every member holds it the same way")
                    + (globalAdministrator && !isGroup ? "Emergency access (break-glass) accounts are the documented exception: Microsoft recommends two cloud-only accounts with permanent Global Administrator. If this is one, suppress the finding with that justification (docs/suppressions.md)." : string.Empty)).TrimEnd(),
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, principal, grant.Assignment.RoleDefinitionId.ToLowerInvariant(), grant.Assignment.DirectoryScope.Text),
            };
        }
    }
}
