using Ward.Microsoft.Azure.Rbac;

namespace Ward.Analysis.Rules.AzureRbac;

/// <summary>
/// <c>azure-classic-administrator</c>: a classic subscription administrator in the export (Service Administrator,
/// Co-Administrator: Owner-equivalent on the subscription; Account Administrator alone: the billing owner).
/// </summary>
public sealed class AzureClassicAdministratorRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "azure-classic-administrator",
        "Classic subscription administrator",
        "over-permissive",
        Severity.High,
        "The export lists a classic subscription administrator. The Service Administrator and Co-Administrators have the access of Owner at the subscription, outside Azure RBAC: they do not appear among role assignments, PIM cannot make them just-in-time, and conditions cannot constrain them. Microsoft retired the classic administrator roles on 31 August 2024 and asks for them to be converted to Azure role assignments. High for a Service Administrator or Co-Administrator; low for an Account Administrator alone (the billing owner, who had no access to resources but could name the Service Administrator).",
        "Give the person an Azure role assignment at the subscription (Owner only if they need it, a narrower role otherwise), make sure the subscription keeps at least one Owner, then remove the classic administrator (Azure portal: the subscription's Access control (IAM), Classic administrators). Export again to confirm none remains.",
        ["azure"],
        ["https://learn.microsoft.com/en-us/azure/role-based-access-control/classic-administrators", "https://learn.microsoft.com/en-us/azure/cost-management-billing/manage/classic-administrator-retire", "https://learn.microsoft.com/en-us/rest/api/authorization/classic-administrators/list"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        var azure = microsoft.Azure;
        foreach (var administrator in azure.ClassicAdministrators.OrderBy(a => a.SubscriptionId, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.EmailAddress, StringComparer.OrdinalIgnoreCase))
        {
            var user = PrincipalOf(microsoft, administrator);
            var where = AzureScopeNames.Describe(azure, administrator.Scope);
            var roles = Describe(administrator.Roles);
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = administrator.ActsAsOwner ? Severity.High : Severity.Low,
                Provider = "azure",
                Account = microsoft.TenantId,
                Principal = user ?? administrator.EmailAddress,
                PrincipalName = administrator.EmailAddress,
                Title = $"`{administrator.EmailAddress}` is classic {roles} of {where}",
                Explanation = $"The export lists `{administrator.EmailAddress}` as classic {roles} of {where}"
                    + (user is null ? " (no user of the directory export has that principal name)" : string.Empty) + ". "
                    + (administrator.ActsAsOwner && user is not null && HoldsOwnerAssignment(azure, user, administrator)
                        ? "A Service Administrator or Co-Administrator has the access of Owner at the subscription, outside Azure RBAC; this one also holds an Owner role assignment there (Azure gave converted classic administrators one), so removing that assignment alone would leave it Owner through the classic role, which neither PIM nor conditions reach. "
                        : administrator.ActsAsOwner
                        ? "A Service Administrator or Co-Administrator has the access of Owner at the subscription, outside Azure RBAC: no role assignment shows it, and neither PIM nor conditions apply to it. "
                        : "The Account Administrator is the billing owner of the subscription: it had no access to its resources, but could name the Service Administrator. ")
                    + "Microsoft retired classic administrator roles on 2024-08-31: either the export predates that, or the role outlived it; convert it to an Azure role assignment.",
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, administrator.SubscriptionId.ToUpperInvariant(), administrator.EmailAddress.ToUpperInvariant()),
            };
        }
    }

    /// <summary>
    /// The object id of a classic administrator's user: the one the az CLI gave, else the directory user with that
    /// principal name, else the principal of a role assignment Azure names by that address (a converted classic
    /// administrator keeps its Owner assignment); null when no export tells.
    /// </summary>
    internal static string? PrincipalOf(MicrosoftAnalysisContext microsoft, ClassicAdministrator administrator) =>
        administrator.PrincipalId
        ?? microsoft.Directory.Users.FirstOrDefault(u => string.Equals(u.UserPrincipalName, administrator.EmailAddress, StringComparison.OrdinalIgnoreCase))?.Id
        ?? microsoft.Azure.RoleAssignments.FirstOrDefault(a => a.PrincipalType != "Unknown" && string.Equals(a.PrincipalName, administrator.EmailAddress, StringComparison.OrdinalIgnoreCase))?.PrincipalId;

    private static bool HoldsOwnerAssignment(AzureEstate azure, string principalId, ClassicAdministrator administrator) =>
        azure.RoleAssignments.Any(a => string.Equals(a.PrincipalId, principalId, StringComparison.OrdinalIgnoreCase)
            && OwnerLikeRoles.IsOwner(a.RoleDefinitionId)
            && string.Equals(a.Scope.Value, administrator.Scope.Value, StringComparison.OrdinalIgnoreCase));

    /// <summary>Classic roles as people name them: <c>Service Administrator and Account Administrator</c>.</summary>
    internal static string Describe(IEnumerable<string> roles) => string.Join(" and ", roles.Select(role => role.ToUpperInvariant() switch
    {
        "SERVICEADMINISTRATOR" => "Service Administrator",
        "COADMINISTRATOR" => "Co-Administrator",
        "ACCOUNTADMINISTRATOR" => "Account Administrator",
        _ => role,
    }));
}
