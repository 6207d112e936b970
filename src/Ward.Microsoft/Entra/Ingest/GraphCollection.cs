namespace Ward.Microsoft.Entra.Ingest;

/// <summary>The Graph collections the loader reads, as recognised from a response.</summary>
internal enum GraphCollection
{
    Organization,
    Users,
    Groups,
    AdministrativeUnits,
    RoleDefinitions,
    RoleAssignments,
    RoleAssignmentScheduleInstances,
    RoleEligibilitySchedules,
    RoleEligibilityScheduleInstances,
    GroupEligibilityScheduleInstances,
    GroupEligibilitySchedules,
    GroupAssignmentScheduleInstances,
    RoleManagementPolicyAssignments,
    Applications,
    FederatedIdentityCredentials,
    ServicePrincipals,
    AppRoleAssignments,
    OAuth2PermissionGrants,
    ConditionalAccessPolicies,
    AuthorizationPolicy,
    SecurityDefaultsPolicy,
    UserRegistrationDetails,
    ServicePrincipalSignInActivities,
    Devices,
    ManagedDevices,
    GroupMembers,
    GroupTransitiveMembers,
    GroupOwners,
    ApplicationOwners,
    ServicePrincipalOwners,
    AdministrativeUnitMembers,
    DeviceRegisteredOwners,
    DeviceRegisteredUsers,

    /// <summary><c>$metadata#directoryObjects</c>: a member or owner list that does not say whose it is.</summary>
    DirectoryObjects,
}
