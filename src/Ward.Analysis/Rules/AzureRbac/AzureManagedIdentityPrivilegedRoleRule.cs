using Ward.Microsoft.Azure.Rbac;

namespace Ward.Analysis.Rules.AzureRbac;

/// <summary>
/// <c>azure-managed-identity-privileged-role</c>: a managed identity holds Owner or another role that may make its
/// holder Owner (<see cref="OwnerLikeRoles"/>, custom roles included) at some scope, directly or through a group.
/// </summary>
public sealed class AzureManagedIdentityPrivilegedRoleRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "azure-managed-identity-privileged-role",
        "Managed identity holds Owner or User Access Administrator",
        "over-permissive",
        Severity.High,
        "A managed identity holds Owner, or a role that may assign Owner (User Access Administrator or Role Based Access Control Administrator unless a condition refuses every role that leads to Owner, a custom role that may write role assignments or role definitions), directly or through a group. Whoever can run code on the resource it is attached to (a VM, a function, an automation runbook, a pipeline), or add a federated credential to a user-assigned identity, acts as it: full control of the scope, and the power to grant any role there. Critical at the root or a management group, high at a subscription, medium at a resource group, low at one resource.",
        "Give the identity the narrowest role its workload needs (Contributor or a custom role, at the resource group or resource it manages). If it must assign roles, use Role Based Access Control Administrator with a condition that limits the roles and principals it may assign. Restrict who may run code on its resource or change the identity.",
        ["azure"],
        ["https://learn.microsoft.com/en-us/entra/identity/managed-identities-azure-resources/managed-identity-best-practice-recommendations", "https://learn.microsoft.com/en-us/azure/role-based-access-control/best-practices", "https://learn.microsoft.com/en-us/azure/role-based-access-control/delegate-role-assignments-overview"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        var directory = microsoft.Directory;
        var azure = microsoft.Azure;
        foreach (var assignment in azure.RoleAssignments.OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            if (OwnerLikeRoles.Power(azure, assignment.RoleDefinitionId, assignment.Condition, assignment.Scope) is not { } power)
            {
                continue;
            }

            var group = directory.FindGroup(assignment.PrincipalId);
            IEnumerable<string> holders = group is null ? [assignment.PrincipalId] : microsoft.Edges.Membership.MembersOf(group.Id).Order(StringComparer.Ordinal);
            foreach (var identity in holders.Where(h => ManagedIdentities.IsManagedIdentity(microsoft, h)))
            {
                var displayName = ManagedIdentities.NameOf(microsoft, identity);
                var name = displayName ?? identity;
                var role = MicrosoftGrants.RoleName(microsoft, assignment.RoleDefinitionId, assignment.RoleDefinitionName);
                var where = AzureScopeNames.Describe(azure, assignment.Scope);
                yield return new Finding
                {
                    RuleId = Metadata.Id,
                    Category = Metadata.Category,
                    Severity = SeverityAt(assignment.Scope),
                    Provider = "azure",
                    Account = microsoft.TenantId,
                    Principal = identity,
                    PrincipalName = displayName,
                    Title = $"Managed identity `{name}` is {role} of {where}",
                    Explanation = $"`{name}` is {ManagedIdentities.Attachment(microsoft, identity)}. It holds {role} of {where}"
                        + (group is null ? string.Empty : $" through group `{group.DisplayName ?? group.Id}`")
                        + $" (assignment `{assignment.Id}`): {power}. "
                        + "Whoever can run code as the identity holds the same.",
                    Remediation = Metadata.Remediation,
                    References = Metadata.References,
                    Fingerprint = Finding.FingerprintOf(Metadata.Id, identity, assignment.Id),
                };
            }
        }
    }

    private static Severity SeverityAt(AzureScope scope) => scope.Kind switch
    {
        AzureScopeKind.Root or AzureScopeKind.ManagementGroup => Severity.Critical,
        AzureScopeKind.Subscription => Severity.High,
        AzureScopeKind.ResourceGroup => Severity.Medium,
        _ => Severity.Low,
    };
}
