using System.Collections.Immutable;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Entra.Catalog;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// An Entra ID tenant as exported from Microsoft Graph: its objects, their relations, role and app role grants,
/// policies, and what the loader noticed. Object ids are lower-case GUIDs. Lookups are built on first use from the
/// collections (a copy made with <c>with</c> builds its own).
/// </summary>
public sealed record EntraDirectory
{
    private DirectoryIndex? _index;

    public static EntraDirectory Empty { get; } = new();

    /// <summary>The tenant id, from <c>GET /organization</c>; null when that was not exported.</summary>
    public string? TenantId { get; init; }

    public string? TenantDisplayName { get; init; }

    /// <summary>The tenant's verified domains (the organization's <c>verifiedDomains</c>); empty when not exported.</summary>
    public ImmutableArray<VerifiedDomain> VerifiedDomains { get; init; } = [];

    public ImmutableArray<EntraUser> Users { get; init; } = [];

    public ImmutableArray<EntraGroup> Groups { get; init; } = [];

    public ImmutableArray<AdministrativeUnit> AdministrativeUnits { get; init; } = [];

    public ImmutableArray<DirectoryRoleDefinition> RoleDefinitions { get; init; } = [];

    /// <summary>Active role assignments (<c>roleAssignments</c>).</summary>
    public ImmutableArray<DirectoryRoleAssignment> RoleAssignments { get; init; } = [];

    /// <summary>Active role assignments as PIM schedule instances (Assigned or Activated, with their window).</summary>
    public ImmutableArray<DirectoryRoleAssignment> RoleAssignmentScheduleInstances { get; init; } = [];

    /// <summary>Eligible role assignments (<c>roleEligibilitySchedules</c>).</summary>
    public ImmutableArray<DirectoryRoleAssignment> RoleEligibilitySchedules { get; init; } = [];

    /// <summary>Eligible role assignments as of the export (<c>roleEligibilityScheduleInstances</c>).</summary>
    public ImmutableArray<DirectoryRoleAssignment> RoleEligibilityScheduleInstances { get; init; } = [];

    /// <summary>
    /// The eligibilities the analyses use: every schedule instance, and every schedule no instance stands for (the same
    /// principal, role and scopes), which the loader reports (WARD5032) when instances were exported; the schedules
    /// alone when none were. An instance is the eligibility as of the export, a schedule says the same with its own
    /// dates, so a schedule without an instance (a partial export, an instances list read at another time) is used
    /// by its dates rather than dropped.
    /// </summary>
    public IEnumerable<DirectoryRoleAssignment> RoleEligibilities =>
        RoleEligibilityScheduleInstances.Concat(SchedulesWithoutInstance(RoleEligibilitySchedules, RoleEligibilityScheduleInstances));

    /// <summary>The eligibility schedules that no instance stands for: none shares their principal, role, directory scope and application scope.</summary>
    public static IEnumerable<DirectoryRoleAssignment> SchedulesWithoutInstance(ImmutableArray<DirectoryRoleAssignment> schedules, ImmutableArray<DirectoryRoleAssignment> instances)
    {
        if (instances.IsDefaultOrEmpty)
        {
            return schedules.IsDefault ? [] : schedules;
        }

        var covered = instances.Select(Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return schedules.IsDefault ? [] : schedules.Where(s => !covered.Contains(Key(s)));

        static string Key(DirectoryRoleAssignment a) => $"{a.PrincipalId}|{a.RoleDefinitionId}|{a.DirectoryScope.Text}|{(a.AppScopeId is null or "/" ? "/" : a.AppScopeId)}";
    }

    /// <summary>PIM for Groups: eligible and active membership and ownership.</summary>
    public ImmutableArray<PrivilegedGroupAssignment> PrivilegedGroupAssignments { get; init; } = [];

    /// <summary>PIM role management policy assignments, with their activation rules where expanded (directory roles and groups).</summary>
    public ImmutableArray<RoleManagementPolicyAssignment> RoleManagementPolicyAssignments { get; init; } = [];

    public ImmutableArray<EntraApplication> Applications { get; init; } = [];

    public ImmutableArray<EntraServicePrincipal> ServicePrincipals { get; init; } = [];

    public ImmutableArray<AppRoleAssignment> AppRoleAssignments { get; init; } = [];

    public ImmutableArray<OAuth2PermissionGrant> OAuth2PermissionGrants { get; init; } = [];

    public ImmutableArray<ConditionalAccessPolicy> ConditionalAccessPolicies { get; init; } = [];

    /// <summary>Whether a conditional access policy list was read (possibly empty), as opposed to not exported.</summary>
    public bool ConditionalAccessPoliciesExported { get; init; }

    /// <summary>The security defaults policy; null when not exported.</summary>
    public SecurityDefaultsPolicy? SecurityDefaults { get; init; }

    /// <summary>Null when not exported.</summary>
    public AuthorizationPolicy? AuthorizationPolicy { get; init; }

    public ImmutableArray<UserRegistrationDetails> UserRegistrationDetails { get; init; } = [];

    /// <summary>Whether the registration details report was read (possibly empty), as opposed to not exported.</summary>
    public bool UserRegistrationDetailsExported { get; init; }

    /// <summary>Devices registered in Entra ID, with their registered owners and users where exported.</summary>
    public ImmutableArray<EntraDevice> Devices { get; init; } = [];

    /// <summary>Whether a device list was read (possibly empty), as opposed to not exported: only then do devices decide anything.</summary>
    public bool DevicesExported { get; init; }

    /// <summary>The devices Intune manages (<c>deviceManagement/managedDevices</c>).</summary>
    public ImmutableArray<IntuneManagedDevice> ManagedDevices { get; init; } = [];

    /// <summary>Whether Intune's managed device list was read (possibly empty): it then lists every device Intune manages.</summary>
    public bool ManagedDevicesExported { get; init; }

    /// <summary>
    /// The Exchange Online application access policies (Exchange Online PowerShell, not Graph), which narrow the mail
    /// application permissions; null when they were not exported, so that nothing is known of them.
    /// </summary>
    public Exchange.ApplicationAccessPolicies? ApplicationAccessPolicies { get; init; }

    /// <summary>Every file given, with what it was taken for.</summary>
    public ImmutableArray<EntraInputFile> Inputs { get; init; } = [];

    /// <summary>What the loader noticed, sorted (file, line, path, code).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>True when no Graph response was read (the inputs held no Entra export).</summary>
    public bool IsEmpty => !Inputs.Any(i => i.Kind is EntraInputKind.GraphResponse);

    private DirectoryIndex Index
    {
        get
        {
            var index = _index;
            if (index is null || !index.IsFor(this))
            {
                index = new DirectoryIndex(this);
                _index = index;
            }

            return index;
        }
    }

    public EntraUser? FindUser(string id) => Index.Users.GetValueOrDefault(id);

    public EntraGroup? FindGroup(string id) => Index.Groups.GetValueOrDefault(id);

    public EntraDevice? FindDevice(string id) => Index.Devices.GetValueOrDefault(id);

    public AdministrativeUnit? FindAdministrativeUnit(string id) => Index.AdministrativeUnits.GetValueOrDefault(id);

    public EntraServicePrincipal? FindServicePrincipal(string id) => Index.ServicePrincipals.GetValueOrDefault(id);

    /// <summary>The service principal of an application (client) id in this tenant.</summary>
    public EntraServicePrincipal? FindServicePrincipalByAppId(string appId) => Index.ServicePrincipalsByAppId.GetValueOrDefault(appId);

    public EntraApplication? FindApplication(string id) => Index.Applications.GetValueOrDefault(id);

    public EntraApplication? FindApplicationByAppId(string appId) => Index.ApplicationsByAppId.GetValueOrDefault(appId);

    /// <summary>A role definition by its id or, for built-in roles, its template id.</summary>
    public DirectoryRoleDefinition? FindRoleDefinition(string id) => Index.RoleDefinitions.GetValueOrDefault(id);

    /// <summary>The template id of the role an assignment names (by definition id or template id); the id itself when the export has no such definition.</summary>
    public string TemplateIdOf(string roleDefinitionId) => FindRoleDefinition(roleDefinitionId)?.TemplateId ?? roleDefinitionId;

    /// <summary>
    /// The exported PIM activation settings of a directory role (its policy at the tenant, <c>/</c>), by the role's
    /// id or template id; null when no policy with its rules was exported for it.
    /// </summary>
    public Pim.ActivationPolicy? DirectoryRoleActivationPolicy(string roleDefinitionId)
    {
        var ids = new[] { roleDefinitionId, TemplateIdOf(roleDefinitionId) };
        return RoleManagementPolicyAssignments
            .Where(a => !a.IsForGroup && a.ScopeId == "/" && ids.Contains(a.RoleDefinitionId, StringComparer.OrdinalIgnoreCase))
            .Select(a => a.Policy)
            .FirstOrDefault(p => p is not null);
    }

    /// <summary>The exported PIM for Groups activation settings of a group's membership or ownership; null when not exported.</summary>
    public Pim.ActivationPolicy? GroupActivationPolicy(string groupId, GroupAccessType access) =>
        RoleManagementPolicyAssignments
            .Where(a => a.IsForGroup && string.Equals(a.ScopeId, groupId, StringComparison.OrdinalIgnoreCase)
                && string.Equals(a.RoleDefinitionId, access == GroupAccessType.Member ? "member" : "owner", StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Policy)
            .FirstOrDefault(p => p is not null);

    /// <summary>Whether an assignment's role is Global Administrator (<see cref="DirectoryRoleTiers.GlobalAdministrator"/>).</summary>
    public bool IsGlobalAdministrator(string roleDefinitionId) =>
        string.Equals(TemplateIdOf(roleDefinitionId), DirectoryRoleTiers.GlobalAdministrator, StringComparison.OrdinalIgnoreCase);

    /// <summary>The kind of an object of the export (user, group, service principal, application, administrative unit); null when it is not in the export.</summary>
    public DirectoryObjectKind? KindOf(string objectId) => Index.Kinds.TryGetValue(objectId, out var kind) ? kind : null;

    /// <summary>
    /// The groups a principal (user, service principal, group, device) is a member of, directly or through nested
    /// groups, sorted by id. A group with an exported <c>transitiveMembers</c> list is decided by that list alone (it is
    /// Graph's own answer, so direct lists that disagree with it are not followed into it); a group without one is
    /// reached through direct members, nesting and cycles included. Groups with neither list exported contribute
    /// nothing (see <see cref="HasMemberList"/>). With <paramref name="includeEligible"/>, PIM for Groups eligible
    /// memberships count as memberships (the principal can activate them).
    /// </summary>
    public ImmutableArray<string> TransitiveGroupsOf(string principalId, bool includeEligible = false) =>
        Index.Membership.TransitiveGroupsOf(principalId, includeEligible);

    /// <summary>Whether the export holds a member list (direct or transitive) of the group.</summary>
    public bool HasMemberList(string groupId) => FindGroup(groupId) is { } group && (group.Members is not null || group.TransitiveMembers is not null);
}
