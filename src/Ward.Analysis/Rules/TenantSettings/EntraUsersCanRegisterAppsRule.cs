namespace Ward.Analysis.Rules.TenantSettings;

/// <summary><c>entra-users-can-register-apps</c>: <c>defaultUserRolePermissions.allowedToCreateApps</c> is true.</summary>
public sealed class EntraUsersCanRegisterAppsRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "entra-users-can-register-apps",
        "Users may register applications",
        AuthorizationPolicyFindings.Category,
        Severity.Low,
        "The authorization policy's `defaultUserRolePermissions.allowedToCreateApps` is true (\"Users can register applications\", Microsoft's default): every user may register applications in the tenant and becomes their owner, free to add client secrets and certificates, redirect URIs and permission requests. Such an application is the tenant's own, which user consent under `microsoft-user-default-low` trusts as it trusts verified publishers, and a credential added to it outlives the user's password. The CIS Microsoft 365 Foundations Benchmark asks that users may not register applications.",
        "In the Microsoft Entra admin center, Entra ID > Users > User settings: set \"Users can register applications\" to No, and assign the Application Developer role to those who register applications. With Microsoft Graph: PATCH https://graph.microsoft.com/v1.0/policies/authorizationPolicy with {\"defaultUserRolePermissions\": {\"allowedToCreateApps\": false}}. Review the applications users registered and their owners.",
        ["entra"],
        [
            "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/delegate-app-roles",
            "https://learn.microsoft.com/en-us/entra/fundamentals/users-default-permissions",
            "https://learn.microsoft.com/en-us/graph/api/resources/defaultuserrolepermissions",
        ])
    {
        Requires = RuleInputs.EntraAuthorizationPolicy,
    };

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (AuthorizationPolicyFindings.Of(context) is not var (microsoft, policy) || policy.AllowedToCreateApps != true)
        {
            yield break;
        }

        yield return AuthorizationPolicyFindings.Tenant(
            microsoft,
            Metadata,
            Severity.Low,
            "create-apps",
            "Users may register applications",
            "The authorization policy's `defaultUserRolePermissions.allowedToCreateApps` is true: every user may register an application and, as its owner, add secrets, certificates, redirect URIs and permission requests to it. The tenant's own applications pass the user consent policy `microsoft-user-default-low` as verified publishers' do, and a secret added to one outlives its owner's password. Registering applications can be kept to holders of the Application Developer role.");
    }
}
