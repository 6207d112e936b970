namespace Ward.Analysis.Tests.Testing;

/// <summary>
/// Privileged access: PIM active schedule instances (<c>GET /roleManagement/directory/roleAssignmentScheduleInstances</c>,
/// Assigned or Activated, with their window), custom directory roles, and PIM for Groups eligibilities
/// (<c>GET /identityGovernance/privilegedAccess/group/eligibilityScheduleInstances</c>).
/// </summary>
internal sealed partial class TestTenant
{
    /// <summary>
    /// An active role assignment as a PIM schedule instance (<paramref name="assignmentType"/> Assigned or Activated),
    /// from 10 days before the reference time to <paramref name="endInDays"/> after it (null: no end).
    /// </summary>
    public TestTenant ActiveRoleInstance(string principalKey, string roleName, string assignmentType = "Assigned", double? endInDays = null, string scope = "/", string memberType = "Direct")
    {
        var role = BuiltInRoles.Get(roleName);
        RoleDefinition(roleName);
        return Add("roleManagement/directory/roleAssignmentScheduleInstances", new
        {
            id = Id($"instance-{principalKey}-{roleName}-{scope}-{memberType}"),
            principalId = Id(principalKey),
            roleDefinitionId = role.TemplateId,
            directoryScopeId = scope,
            appScopeId = (string?)null,
            startDateTime = DaysAgo(10),
            endDateTime = endInDays is { } end ? DaysAgo(-end) : null,
            assignmentType,
            memberType,
            roleAssignmentOriginId = Id($"origin-{principalKey}-{roleName}"),
            roleAssignmentScheduleId = Id($"schedule-{principalKey}-{roleName}"),
        });
    }

    /// <summary>
    /// An active assignment of a built-in role scoped by <c>appScopeId</c> alone (<c>directoryScopeId</c> null), as
    /// Microsoft Graph returns an assignment to an app-specific scope.
    /// </summary>
    public TestTenant AssignRoleAtAppScope(string principalKey, string roleName, string appScopeId)
    {
        var role = BuiltInRoles.Get(roleName);
        RoleDefinition(roleName);
        return Add("roleManagement/directory/roleAssignments", new
        {
            id = Id($"assignment-{principalKey}-{roleName}-{appScopeId}"),
            principalId = Id(principalKey),
            roleDefinitionId = role.TemplateId,
            directoryScopeId = (string?)null,
            appScopeId,
        });
    }

    /// <summary>A custom directory role allowing <paramref name="actions"/> (unconditionally); returns its id.</summary>
    public string CustomDirectoryRole(string key, string name, params string[] actions)
    {
        Add("roleManagement/directory/roleDefinitions", new
        {
            id = Id(key),
            displayName = name,
            description = name,
            isBuiltIn = false,
            isEnabled = true,
            templateId = Id(key),
            version = (string?)null,
            rolePermissions = new[] { new { allowedResourceActions = actions, condition = (string?)null } },
        });
        return Id(key);
    }

    /// <summary>An active, permanent assignment of a custom role written by <see cref="CustomDirectoryRole"/>.</summary>
    public TestTenant AssignCustomRole(string principalKey, string roleKey, string scope = "/") =>
        Add("roleManagement/directory/roleAssignments", new
        {
            id = Id($"assignment-{principalKey}-{roleKey}-{scope}"),
            principalId = Id(principalKey),
            roleDefinitionId = Id(roleKey),
            directoryScopeId = scope,
            appScopeId = (string?)null,
        });

    /// <summary>A PIM for Groups eligibility of <paramref name="principalKey"/> for membership (or ownership) of a group, with no end.</summary>
    public TestTenant EligibleForGroup(string principalKey, string groupKey, string accessId = "member") =>
        Add("identityGovernance/privilegedAccess/group/eligibilityScheduleInstances", new
        {
            id = Id($"group-eligibility-{principalKey}-{groupKey}-{accessId}"),
            principalId = Id(principalKey),
            groupId = Id(groupKey),
            accessId,
            memberType = "Direct",
            startDateTime = DaysAgo(30),
            endDateTime = (string?)null,
            eligibilityScheduleId = Id($"group-eligibility-schedule-{principalKey}-{groupKey}"),
        });
}
