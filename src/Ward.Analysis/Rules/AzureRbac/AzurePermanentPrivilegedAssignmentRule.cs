using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.AzureRbac;

/// <summary>
/// <c>azure-permanent-privileged-assignment</c>: a standing (not PIM-activated, not time-bound) assignment of a role that
/// may make its holder Owner (<see cref="OwnerLikeRoles"/>: Owner, a role that may write role assignments unless a
/// condition refuses every role that leads to Owner, a custom role that may write role definitions) at the root, a
/// management group or a subscription.
/// </summary>
public sealed class AzurePermanentPrivilegedAssignmentRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "azure-permanent-privileged-assignment",
        "Permanent Owner-like Azure role assignment",
        "privileged-access",
        Severity.High,
        "Owner, or another role that may make its holder Owner (User Access Administrator or Role Based Access Control Administrator unless a condition refuses every role that leads to Owner, a custom role that may write role assignments or role definitions), is assigned at the root, a management group or a subscription, active with no end: not a PIM activation and not time-bound. Whoever holds it controls the scope and everything below it and can grant that control to anyone, at any moment: a stolen session or password is used with no PIM activation, approval, MFA prompt or activation alert. When the export has no PIM assignment schedule instances, activations and time-bound assignments cannot be told apart and are reported too, saying so.",
        "Make the holder PIM-eligible for the role instead (with MFA, justification and approval on activation, and a short maximum activation), or give a narrower role; remove the standing assignment. Delegate role assignment with Role Based Access Control Administrator constrained by a condition. Keep standing access at these scopes only for emergency access accounts, and suppress their findings with that justification.",
        ["azure"],
        [
            "https://learn.microsoft.com/en-us/azure/role-based-access-control/best-practices#use-microsoft-entra-privileged-identity-management",
            "https://learn.microsoft.com/en-us/azure/role-based-access-control/best-practices#limit-privileged-administrator-role-assignments",
            "https://learn.microsoft.com/en-us/entra/id-governance/privileged-identity-management/pim-resource-roles-assign-roles",
            "https://learn.microsoft.com/en-us/rest/api/authorization/role-assignment-schedule-instances/list-for-scope",
        ]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        var azure = microsoft.Azure;
        var directory = microsoft.Directory;
        var instances = azure.AssignmentScheduleInstances.ToLookup(i => i.PrincipalId, StringComparer.OrdinalIgnoreCase);
        var assignments = azure.RoleAssignments
            .Where(a => a.Scope.Kind is AzureScopeKind.Root or AzureScopeKind.ManagementGroup or AzureScopeKind.Subscription && a.PrincipalType != "Unknown" && OwnerLikeRoles.Grants(azure, a.RoleDefinitionId, a.Condition, a.Scope))
            .OrderBy(a => a.Id, StringComparer.OrdinalIgnoreCase);
        foreach (var assignment in assignments)
        {
            // A managed identity cannot activate a role: azure-managed-identity-privileged-role reports it at every scope.
            if (ManagedIdentities.IsManagedIdentity(microsoft, assignment.PrincipalId))
            {
                continue;
            }

            var held = InstancesOf(instances[assignment.PrincipalId], assignment);
            if (held.Count > 0 && !held.Exists(IsStanding))
            {
                continue;
            }

            var principal = assignment.PrincipalId;
            var name = microsoft.NameOf(principal) ?? assignment.PrincipalName ?? principal;
            var role = MicrosoftGrants.RoleName(microsoft, assignment.RoleDefinitionId, assignment.RoleDefinitionName);
            var where = AzureScopeNames.Describe(azure, assignment.Scope);
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = Metadata.DefaultSeverity,
                Provider = "azure",
                Account = microsoft.TenantId,
                Principal = principal,
                PrincipalName = name == principal ? null : name,
                Title = $"`{name}` holds {role} of {where} permanently",
                Explanation = ($"{role} of {where} is assigned to the {KindOf(directory, assignment)} `{name}`, active (assignment `{assignment.Id}`): "
                    + $"{OwnerLikeRoles.Power(azure, assignment.RoleDefinitionId, assignment.Condition, assignment.Scope)}, there and in every scope below. "
                    + HowKnown(azure, held, assignment.Scope)
                    + "The role is usable at any moment, with no PIM activation, approval or MFA prompt. "
                    + MicrosoftGrants.GroupMembers(microsoft, principal, "Every member holds it the same way")).TrimEnd(),
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, principal.ToLowerInvariant(), assignment.Id.ToUpperInvariant()),
            };
        }
    }

    /// <summary>
    /// The principal's schedule instances that describe this assignment: those naming it as their origin, else those of
    /// the same role at the same scope.
    /// </summary>
    internal static List<AssignmentScheduleInstance> InstancesOf(IEnumerable<AssignmentScheduleInstance> principalInstances, RoleAssignment assignment)
    {
        var candidates = principalInstances.ToList();
        var byOrigin = candidates.FindAll(i => string.Equals(i.OriginRoleAssignmentId, assignment.Id, StringComparison.OrdinalIgnoreCase));
        return byOrigin.Count > 0
            ? byOrigin
            : candidates.FindAll(i => i.Scope == assignment.Scope && string.Equals(i.RoleDefinitionGuid, assignment.RoleDefinitionGuid, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A standing assignment: <c>Assigned</c> (not an activation) with no end.</summary>
    private static bool IsStanding(AssignmentScheduleInstance instance) => !instance.IsActivation && instance.EndDateTime is null;

    private static string HowKnown(AzureEstate azure, List<AssignmentScheduleInstance> held, AzureScope scope) => held.Find(IsStanding) is { } instance
        ? $"Its PIM assignment schedule instance (`{instance.Id}`) is `Assigned` with no end date: a standing assignment, not a PIM activation. "
        : azure.AssignmentScheduleInstances.IsEmpty
            ? "The export has no PIM assignment schedule instances (`roleAssignmentScheduleInstances`), and a role assignment without one has no end: PIM activations and time-bound assignments appear among role assignments too, and only the instances tell them apart from a permanent one. "
            : $"The export has no PIM assignment schedule instance for this assignment ({(azure.AssignmentScheduleInstances.Any(i => i.Scope == scope) ? "it has some for other assignments at its scope, not for this one" : "none was exported at its scope")}), and a role assignment without one has no end: only its instance would tell a PIM activation or a time-bound assignment apart from a permanent one. ";

    private static string KindOf(EntraDirectory directory, RoleAssignment assignment) =>
        directory.FindUser(assignment.PrincipalId) is not null ? "user"
        : directory.FindGroup(assignment.PrincipalId) is not null ? "group"
        : directory.FindServicePrincipal(assignment.PrincipalId) is not null ? "service principal"
        : assignment.PrincipalType switch
        {
            "User" => "user",
            "Group" => "group",
            "ServicePrincipal" => "service principal",
            _ => "principal",
        };
}
