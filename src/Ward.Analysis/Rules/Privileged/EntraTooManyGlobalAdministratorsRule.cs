namespace Ward.Analysis.Rules.Privileged;

/// <summary>
/// <c>entra-too-many-global-administrators</c>: five or more users hold Global Administrator (active or PIM-eligible,
/// groups expanded), against Microsoft's recommendation of fewer than five; or fewer than two do, too few for the two
/// emergency access accounts Microsoft recommends.
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
        "Five or more users hold Global Administrator, active or PIM-eligible, directly or through a role-assignable group: Microsoft recommends fewer than five, since each is unrestricted access to the tenant and most Microsoft 365 services. Fewer than two is reported too: Microsoft recommends two or more emergency access accounts holding Global Administrator, so that losing one account cannot lock the tenant.",
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
        if (users.Count is >= EmergencyAccessMinimum and < Limit)
        {
            yield break;
        }

        var tooMany = users.Count >= Limit;
        var tenant = microsoft.TenantId ?? "/";
        var listed = users.Select(u => $"`{microsoft.NameOf(u.Principal) ?? u.Principal}` ({string.Join("; ", u.Held.Select(How))})");
        yield return new Finding
        {
            RuleId = Metadata.Id,
            Category = Metadata.Category,
            Severity = Severity.Medium,
            Provider = "entra",
            Account = microsoft.TenantId,
            Principal = tenant,
            PrincipalName = directory.TenantDisplayName,
            Title = tooMany ? $"{users.Count} users hold Global Administrator" : $"Only {users.Count} user{(users.Count == 1 ? string.Empty : "s")} hold{(users.Count == 1 ? "s" : string.Empty)} Global Administrator",
            Explanation = (users.Count == 0 ? "No user holds Global Administrator, active or PIM-eligible. " : $"{users.Count} user{(users.Count == 1 ? " holds" : "s hold")} Global Administrator, active or PIM-eligible, directly or through a group: {string.Join(", ", listed)}. ")
                + (others.Count == 0 ? string.Empty : $"Besides them, {string.Join(", ", others.Select(o => $"`{microsoft.NameOf(o.Principal) ?? o.Principal}`"))} hold{(others.Count == 1 ? "s" : string.Empty)} it (not counted: not users). ")
                + (tooMany
                    ? $"Microsoft recommends fewer than {Limit} Global Administrators (the Microsoft Entra admin center shows an alert from {Limit}): each has unrestricted access to the tenant and most Microsoft 365 services."
                    : $"Microsoft recommends at least {EmergencyAccessMinimum} emergency access accounts holding Global Administrator, so that losing one account (a lost passkey, a person who left, an identity provider outage) cannot lock the tenant."),
            Remediation = Metadata.Remediation,
            References = Metadata.References,
            Fingerprint = Finding.FingerprintOf(Metadata.Id, tenant, tooMany ? "too-many" : "too-few"),
        };

        string How(HeldRole held) =>
            DirectoryRoleHoldings.StateOf(held.Grant) + (held.GroupId is { } group ? $" through group `{microsoft.NameOf(group) ?? group}`" : string.Empty)
            + (held.EligibleMembership ? " (PIM-eligible membership)" : string.Empty);
    }
}
