using System.Collections.Immutable;
using Ward.Analysis.Rules.Applications;
using Ward.Analysis.Rules.AzureRbac;
using Ward.Analysis.Rules.Credentials;
using Ward.Analysis.Rules.Exposure;
using Ward.Analysis.Rules.Identity;
using Ward.Analysis.Rules.OverPermissive;
using Ward.Analysis.Rules.Privileged;
using Ward.Analysis.Rules.PrivilegeEscalation;
using Ward.Analysis.Rules.TenantSettings;
using Ward.Analysis.Rules.Trust;
using Ward.Analysis.Rules.Unused;

namespace Ward.Analysis;

/// <summary>Every rule, listed explicitly (a test checks that none is left out and that each has a docs page).</summary>
public static class RuleCatalog
{
    public static ImmutableArray<IRule> All { get; } =
    [
        new PrivilegeEscalationRule(),
        new PathToTargetRule(),
        new ServiceCredentialTakeoverRule(),
        new EntraPathToMicrosoft365DataRule(),
        new AdminEquivalentRule(),
        new PublicRoleTrustRule(),
        new ExternalTrustWithoutExternalIdRule(),
        new WholeAccountTrustRule(),
        new UnrestrictedOidcTrustRule(),
        new GcpWorkloadIdentityProviderUnrestrictedRule(),
        new GcpWorkloadIdentityAwsProviderUnrestrictedRule(),
        new GcpExternalDomainMemberRule(),
        new GcpCrossProjectImpersonationRule(),
        new SamlFederatedTrustRule(),
        new CrossAccountAccessRule(),
        new PublicResourceRule(),
        new GcpPublicBindingRule(),
        new GkePublicRbacBindingRule(),
        new CrossAccountResourceRule(),
        new WildcardGrantRule(),
        new DataExfiltrationRule(),
        new CredentialsExposureRule(),
        new ResourceExposureRule(),
        new InfrastructureModificationRule(),
        new GcpBasicRoleRule(),
        new GcpDefaultServiceAccountEditorRule(),
        new RootAccessKeyRule(),
        new RootWithoutMfaRule(),
        new RootRecentlyUsedRule(),
        new ConsoleUserWithoutMfaRule(),
        new UnusedAccessKeyRule(),
        new OldAccessKeyRule(),
        new MultipleActiveAccessKeysRule(),
        new GcpUserManagedServiceAccountKeyRule(),
        new GcpUnusedServiceAccountKeyRule(),
        new DormantUserRule(),
        new DormantRoleRule(),
        new UnusedServicePermissionsRule(),
        new GcpDormantServiceAccountRule(),
        new GcpUnusedPermissionsRule(),
        new PermissionCreepRule(),
        new GcpExpiredConditionalBindingRule(),
        new DormantEntraUserRule(),
        new DormantServicePrincipalRule(),
        new AzureManagedIdentityPrivilegedRoleRule(),
        new AzureManyOwnersRule(),
        new AzurePermanentPrivilegedAssignmentRule(),
        new AzureCustomRoleWildcardRule(),
        new AzureClassicAdministratorRule(),
        new AppCredentialLongLivedRule(),
        new AppCredentialExpiredRule(),
        new AppSecretCredentialRule(),
        new HighRiskApplicationPermissionRule(),
        new ThirdPartyAppHighRiskPermissionRule(),
        new AllPrincipalsHighRiskConsentRule(),
        new FederatedCredentialBroadSubjectRule(),
        new EntraPrivilegedRoleHolderRule(),
        new EntraPermanentPrivilegedAssignmentRule(),
        new EntraTooManyGlobalAdministratorsRule(),
        new EntraGuestPrivilegedRule(),
        new PrivilegedUserWithoutMfaRule(),
        new PrivilegedUserNotCoveredByMfaPolicyRule(),
        new EntraUserConsentAllowedRule(),
        new EntraUserConsentForRiskyAppsRule(),
        new EntraGuestAccessAsMembersRule(),
        new EntraGuestInvitesFromEveryoneRule(),
        new EntraUsersCanRegisterAppsRule(),
        new EntraUsersCanCreateTenantsRule(),
    ];
}
