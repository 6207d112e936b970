namespace Ward.Analysis.Rules.TenantSettings;

/// <summary><c>entra-users-can-create-tenants</c>: <c>defaultUserRolePermissions.allowedToCreateTenants</c> is true.</summary>
public sealed class EntraUsersCanCreateTenantsRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "entra-users-can-create-tenants",
        "Users may create tenants",
        AuthorizationPolicyFindings.Category,
        Severity.Low,
        "The authorization policy's `defaultUserRolePermissions.allowedToCreateTenants` is true (\"Restrict non-admin users from creating tenants\" is No, Microsoft's default): every user may create a Microsoft Entra or Azure AD B2C tenant and becomes its Global Administrator. The new tenant is outside the organization's policies, monitoring and conditional access, and may carry the organization's name to outsiders. The CIS Microsoft 365 Foundations Benchmark asks that only administrators create tenants.",
        "In the Microsoft Entra admin center, Entra ID > Users > User settings: set \"Restrict non-admin users from creating tenants\" to Yes, and assign the Tenant Creator role to those who create tenants. With Microsoft Graph: PATCH https://graph.microsoft.com/v1.0/policies/authorizationPolicy with {\"defaultUserRolePermissions\": {\"allowedToCreateTenants\": false}}.",
        ["entra"],
        [
            "https://learn.microsoft.com/en-us/entra/fundamentals/users-default-permissions",
            "https://learn.microsoft.com/en-us/graph/api/resources/defaultuserrolepermissions",
        ])
    {
        Requires = RuleInputs.EntraAuthorizationPolicy,
    };

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (AuthorizationPolicyFindings.Of(context) is not var (microsoft, policy) || policy.AllowedToCreateTenants != true)
        {
            yield break;
        }

        yield return AuthorizationPolicyFindings.Tenant(
            microsoft,
            Metadata,
            Severity.Low,
            "create-tenants",
            "Users may create tenants",
            "The authorization policy's `defaultUserRolePermissions.allowedToCreateTenants` is true: every user may create a Microsoft Entra or Azure AD B2C tenant, of which they become Global Administrator, outside the organization's policies, monitoring and conditional access. Creating tenants can be kept to administrators and holders of the Tenant Creator role.");
    }
}
