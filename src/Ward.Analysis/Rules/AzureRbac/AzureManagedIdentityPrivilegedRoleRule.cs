using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.AzureRbac;

/// <summary>
/// <c>azure-managed-identity-privileged-role</c>: a managed identity holds Owner, User Access Administrator or
/// unconstrained Role Based Access Control Administrator at some scope, directly or through a group.
/// </summary>
public sealed class AzureManagedIdentityPrivilegedRoleRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "azure-managed-identity-privileged-role",
        "Managed identity holds Owner or User Access Administrator",
        "over-permissive",
        Severity.High,
        "A managed identity holds Owner, User Access Administrator or Role Based Access Control Administrator without a condition on the roles it may assign, directly or through a group. Whoever can run code on the resource it is attached to (a VM, a function, an automation runbook, a pipeline), or add a federated credential to a user-assigned identity, acts as it: full control of the scope, and the power to grant any role there. Critical at the root or a management group, high at a subscription, medium at a resource group, low at one resource.",
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
        foreach (var assignment in azure.RoleAssignments.Where(a => OwnerLikeRoles.Grants(a.RoleDefinitionGuid, a.Condition)).OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            var group = directory.FindGroup(assignment.PrincipalId);
            IEnumerable<string> holders = group is null ? [assignment.PrincipalId] : microsoft.Edges.Membership.MembersOf(group.Id).Order(StringComparer.Ordinal);
            foreach (var identity in holders.Select(directory.FindServicePrincipal).OfType<EntraServicePrincipal>().Where(s => s.ServicePrincipalType == ServicePrincipalType.ManagedIdentity))
            {
                var name = identity.DisplayName ?? identity.Id;
                var role = MicrosoftGrants.RoleName(microsoft, assignment.RoleDefinitionId, assignment.RoleDefinitionName);
                var where = AzureScopeNames.Describe(azure, assignment.Scope);
                yield return new Finding
                {
                    RuleId = Metadata.Id,
                    Category = Metadata.Category,
                    Severity = SeverityAt(assignment.Scope),
                    Provider = "azure",
                    Account = microsoft.TenantId,
                    Principal = identity.Id,
                    PrincipalName = identity.DisplayName,
                    Title = $"Managed identity `{name}` is {role} of {where}",
                    Explanation = $"`{name}` is {Attachment(identity)}. It holds {role} of {where}"
                        + (group is null ? string.Empty : $" through group `{group.DisplayName ?? group.Id}`")
                        + (assignment.Condition is null ? string.Empty : " (its condition limits only the roles it may assign)")
                        + $" (assignment `{assignment.Id}`): {OwnerLikeRoles.Meaning(assignment.RoleDefinitionGuid)}. "
                        + "Whoever can run code as the identity holds the same.",
                    Remediation = Metadata.Remediation,
                    References = Metadata.References,
                    Fingerprint = Finding.FingerprintOf(Metadata.Id, identity.Id, assignment.Id),
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

    /// <summary>
    /// What the identity belongs to, from its <c>alternativeNames</c>: <c>isExplicit=True</c> marks a user-assigned
    /// identity (the resource id is the identity's own), <c>isExplicit=False</c> a system-assigned one (the resource id
    /// is the resource it belongs to).
    /// </summary>
    private static string Attachment(EntraServicePrincipal identity)
    {
        var resource = identity.AlternativeNames.FirstOrDefault(n => n.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase));
        var userAssigned = identity.AlternativeNames.Any(n => string.Equals(n, "isExplicit=True", StringComparison.OrdinalIgnoreCase));
        return (resource, userAssigned) switch
        {
            (null, _) => "a managed identity (the export does not name its resource)",
            (_, true) => $"the user-assigned managed identity `{resource}` (the export does not say which resources use it)",
            _ => $"the system-assigned managed identity of `{resource}`",
        };
    }
}
