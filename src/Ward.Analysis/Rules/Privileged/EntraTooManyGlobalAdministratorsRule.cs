namespace Ward.Analysis.Rules.Privileged;

/// <summary>
/// <c>entra-too-many-global-administrators</c>: five or more enabled users hold Global Administrator (active or
/// PIM-eligible, groups expanded), against Microsoft's recommendation of fewer than five; or fewer than two enabled
/// users hold it through a permanent active assignment, too few for the two emergency access accounts Microsoft recommends.
/// </summary>
public sealed class EntraTooManyGlobalAdministratorsRule : IRule
{
    /// <summary>Microsoft recommends fewer than five Global Administrators; the admin center alerts from five.</summary>
    public const int Limit = 5;

    /// <summary>Microsoft recommends two or more emergency access accounts, each a permanent Global Administrator.</summary>
    public const int EmergencyAccessMinimum = 2;


    public RuleMetadata Metadata { get; } = new(
        "entra-too-many-global-administrators",
        "Too many, or too few, Global Administrators",
        "privileged-access",
        Severity.Medium,
        "Five or more enabled users hold Global Administrator, active or PIM-eligible, directly or through a role-assignable group: Microsoft recommends fewer than five, since each is unrestricted access to the tenant and most Microsoft 365 services. Fewer than two enabled users holding it through a permanent active assignment is reported too: Microsoft recommends two or more emergency access accounts with an active, permanent Global Administrator assignment, so that losing one account cannot lock the tenant.",
        "Move administrators to the least privileged role their tasks need (Microsoft's \"least privileged role by task\"), make the remaining Global Administrators PIM-eligible, and keep two cloud-only emergency access accounts. With fewer than two, create the emergency access accounts.",
        ["entra"],
        [
            "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/best-practices",
            "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/security-emergency-access",
            "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/delegate-by-task",
        ]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        var directory = microsoft.Directory;
        if (directory.RoleAssignments.IsEmpty && directory.RoleAssignmentScheduleInstances.IsEmpty)
        {
            // No active assignment exported at all (a tenant always has one): the count would mean nothing.
            yield break;
        }

        var holdings = DirectoryRoleHoldings.Of(microsoft);
        var holders = holdings.Holders()
            .Select(p => (Principal: p, Held: holdings.HeldBy(p).Where(h => h.Grant.IsTenantWide && directory.IsGlobalAdministrator(h.Grant.Assignment.RoleDefinitionId)).ToList()))
            .Where(h => h.Held.Count > 0 && directory.FindGroup(h.Principal) is null)
            .ToList();
        var users = holders.Where(h => directory.FindUser(h.Principal) is not null).ToList();
        var others = holders.Except(users).ToList();

        // A disabled account cannot sign in until someone enables it: named, not counted.
        var disabled = users.Where(u => directory.FindUser(u.Principal)!.AccountEnabled == false).ToList();
        var enabled = users.Except(disabled).ToList();

        // Emergency access needs a standing, permanent assignment: an eligibility must be activated (through PIM, which
        // may be what fails), an activation ends within hours, and a time-bound assignment ends on its date.
        var standing = enabled.Where(u => u.Held.Exists(h => h.Grant.State is RoleHoldState.Permanent && !h.EligibleMembership)).ToList();
        var timeBound = enabled.Except(standing).Where(u => u.Held.Exists(h => h.Grant.State is RoleHoldState.TimeBound && !h.EligibleMembership)).ToList();
        var tenant = microsoft.TenantId ?? "/";
        var disabledNote = disabled.Count == 0 ? string.Empty
            : $"Not counted: {string.Join(", ", disabled.Select(Listed))}, whose account{(disabled.Count == 1 ? " is" : "s are")} disabled (it can be enabled again). ";
        var othersNote = others.Count == 0 ? string.Empty
            : $"Besides them, {string.Join(", ", others.Select(o => $"`{microsoft.NameOf(o.Principal) ?? o.Principal}`"))} hold{(others.Count == 1 ? "s" : string.Empty)} it (not counted: not users). ";
        if (enabled.Count >= Limit)
        {
            yield return TenantFinding(
                "too-many",
                $"{enabled.Count} users hold Global Administrator",
                $"{enabled.Count} enabled users hold Global Administrator, active or PIM-eligible, directly or through a group: {string.Join(", ", enabled.Select(Listed))}. "
                    + disabledNote + othersNote
                    + $"Microsoft recommends fewer than {Limit} Global Administrators (the Microsoft Entra admin center shows an alert from {Limit}): each has unrestricted access to the tenant and most Microsoft 365 services.");
        }

        if (standing.Count < EmergencyAccessMinimum)
        {
            var eligibleOnly = enabled.Except(standing).Except(timeBound).ToList();
            yield return TenantFinding(
                "too-few",
                standing.Count == 0 ? "No user holds Global Administrator through a permanent active assignment" : "Only 1 user holds Global Administrator through a permanent active assignment",
                (standing.Count == 0 ? "No enabled user holds Global Administrator through a permanent active assignment. " : $"{standing.Count} enabled user{(standing.Count == 1 ? " holds" : "s hold")} Global Administrator through a permanent active assignment: {string.Join(", ", standing.Select(Listed))}. ")
                    + (timeBound.Count == 0 ? string.Empty : $"Not counted: {string.Join(", ", timeBound.Select(Listed))}, whose active assignment ends on its date. ")
                    + (eligibleOnly.Count == 0 ? string.Empty : $"Not counted: {string.Join(", ", eligibleOnly.Select(Listed))}, who must activate it first (through PIM, which may be what fails). ")
                    + disabledNote + othersNote
                    + $"Microsoft recommends at least {EmergencyAccessMinimum} emergency access accounts holding Global Administrator with an active, permanent assignment, so that losing one account (a lost passkey, a person who left, an identity provider outage) cannot lock the tenant.");
        }

        Finding TenantFinding(string kind, string title, string explanation) => new()
        {
            RuleId = Metadata.Id,
            Category = Metadata.Category,
            Severity = Severity.Medium,
            Provider = "entra",
            Account = microsoft.TenantId,
            Principal = tenant,
            PrincipalName = directory.TenantDisplayName,
            Title = title,
            Explanation = explanation,
            Remediation = Metadata.Remediation,
            References = Metadata.References,
            Fingerprint = Finding.FingerprintOf(Metadata.Id, tenant, kind),
        };

        string Listed((string Principal, List<HeldRole> Held) user) =>
            $"`{microsoft.NameOf(user.Principal) ?? user.Principal}` ({string.Join("; ", user.Held.Select(How))})";

        string How(HeldRole held) =>
            DirectoryRoleHoldings.StateOf(held.Grant) + (held.GroupId is { } group ? $" through group `{microsoft.NameOf(group) ?? group}`" : string.Empty)
            + (held.EligibleMembership ? " (PIM-eligible membership)" : string.Empty);
    }
}
