namespace Ward.Analysis.Tests.Testing;

/// <summary>
/// Azure RBAC and workload identities for the hygiene rules: the management-group tree (as <c>az account
/// management-group entities list</c> prints it), built-in and custom role definitions, role assignments (az CLI
/// <c>az role assignment list</c>), PIM eligibilities (REST), classic administrators (the rows
/// <c>--include-classic-administrators</c> adds), managed identities, application service principals with their
/// credentials and Microsoft Graph permissions, users' and service principals' sign-in activity.
/// </summary>
internal sealed partial class TestTenant
{
    public const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    public const string Contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    public const string Reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    public const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
    public const string RoleBasedAccessControlAdministrator = "f58310d9-a9f6-439a-9e8d-f62e7b41a168";

    /// <summary>The tenant root management group's name (its id is the tenant id).</summary>
    public const string RootGroup = TenantId;

    public const string Subscription = "/subscriptions/" + SubscriptionId;

    /// <summary>An ABAC condition that lets a role assignment administrator assign Reader only.</summary>
    public const string ReaderOnlyCondition = "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {acdd72a7338548efbd42f606fba81ae7}))";

    private const string ServicePrincipalsSelect = "servicePrincipals(id,appId,displayName,servicePrincipalType,appOwnerOrganizationId,accountEnabled,alternativeNames,appRoles,passwordCredentials,keyCredentials)";
    private static readonly string[] ApplicationMemberTypes = ["Application"];

    // The built-in roles the rules weigh, with their real ids and actions (Contributor's notActions abridged to the Microsoft.Authorization ones).
    private static readonly (string Id, string Name, string[] Actions, string[] NotActions)[] AzureBuiltInRoles =
    [
        (Owner, "Owner", ["*"], []),
        (Contributor, "Contributor", ["*"], ["Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action"]),
        (Reader, "Reader", ["*/read"], []),
        (UserAccessAdministrator, "User Access Administrator", ["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"], []),
        (RoleBasedAccessControlAdministrator, "Role Based Access Control Administrator", ["Microsoft.Authorization/roleAssignments/write", "Microsoft.Authorization/roleAssignments/delete", "*/read", "Microsoft.Support/*"], []),
    ];

    private readonly Dictionary<string, string> _azureRoleNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _managementGroupParents = new(StringComparer.Ordinal);
    private readonly List<object> _graphAppRoles = [];
    private readonly HashSet<string> _graphAppRoleIds = new(StringComparer.Ordinal);
    private bool _graphWritten;

    public static string ManagementGroupScope(string name) => $"/providers/Microsoft.Management/managementGroups/{name}";

    /// <summary>A management group under <paramref name="parent"/> (the tenant root group by default), as the entities list prints it.</summary>
    public TestTenant AzureManagementGroup(string name, string parent = RootGroup)
    {
        EnsureRootGroup();
        _managementGroupParents[name] = parent;
        return AddAzure("management-groups.json", Entity(ManagementGroupScope(name), name, name, "Microsoft.Management/managementGroups", parent));
    }

    /// <summary>The test subscription, placed under a management group (the tenant root group by default).</summary>
    public TestTenant AzureSubscriptionIn(string managementGroup = RootGroup, string displayName = "fabrikam-prod")
    {
        EnsureRootGroup();
        return AddAzure("management-groups.json", Entity(Subscription, SubscriptionId, displayName, "/subscriptions", managementGroup));
    }

    /// <summary>A custom role definition, assignable at the subscription unless scopes are given (and with its own GUID unless one is); returns its GUID.</summary>
    public string AzureCustomRole(string key, string name, string[] actions, string[]? notActions = null, string[]? assignableScopes = null, string? guid = null)
    {
        guid ??= Id(key);
        _azureRoleNames[guid] = name;
        AddAzure("role-definitions.json", RoleDefinitionEntry(guid, name, "CustomRole", actions, notActions ?? [], assignableScopes: assignableScopes));
        return guid;
    }

    /// <summary>A built-in role definition the default set leaves out, with a condition on its permission block (as some have); returns its GUID.</summary>
    public string AzureBuiltInRole(string guid, string name, string[] actions, string? blockCondition = null)
    {
        _azureRoleNames[guid] = name;
        AddAzure("role-definitions.json", RoleDefinitionEntry(guid, name, "BuiltInRole", actions, [], blockCondition));
        return guid;
    }

    public static string VirtualMachineId(string name) => $"{Subscription}/resourceGroups/rg-build/providers/Microsoft.Compute/virtualMachines/{name}";

    /// <summary>A user-assigned identity's resource id (the resource group in lower case, as <c>az identity list</c> and the attaching resources write it).</summary>
    public static string UserAssignedIdentityId(string key) => $"{Subscription}/resourcegroups/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{key}";

    /// <summary>
    /// A virtual machine as <c>az vm list</c> prints it, with its system-assigned identity (object id
    /// <c>Id(systemAssignedKey)</c>, none when null) and the user-assigned identities attached to it.
    /// </summary>
    public TestTenant AzureVirtualMachine(string name, string? systemAssignedKey, params string[] userAssignedKeys) =>
        AddAzure("resources.json", new
        {
            id = VirtualMachineId(name),
            name,
            type = "Microsoft.Compute/virtualMachines",
            location = "westeurope",
            resourceGroup = "rg-build",
            identity = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["type"] = string.Join(", ", new[] { systemAssignedKey is null ? null : "SystemAssigned", userAssignedKeys.Length == 0 ? null : "UserAssigned" }.OfType<string>()),
                ["principalId"] = systemAssignedKey is null ? null : Id(systemAssignedKey),
                ["tenantId"] = systemAssignedKey is null ? null : TenantId,
                ["userAssignedIdentities"] = userAssignedKeys.Length == 0 ? null : userAssignedKeys.ToDictionary(UserAssignedIdentityId, key => (object)new { principalId = Id(key), clientId = Id("client-" + key) }, StringComparer.Ordinal),
            },
        });

    /// <summary>A user-assigned identity as <c>az identity list</c> prints it.</summary>
    public TestTenant AzureUserAssignedIdentity(string key) =>
        AddAzure("resources.json", new
        {
            id = UserAssignedIdentityId(key),
            name = key,
            type = "Microsoft.ManagedIdentity/userAssignedIdentities",
            location = "westeurope",
            resourceGroup = "rg-identity",
            principalId = Id(key),
            clientId = Id("client-" + key),
            tenantId = TenantId,
        });

    /// <summary>An active role assignment as <c>az role assignment list</c> prints it (a built-in role by id, or a role of <see cref="AzureCustomRole"/>).</summary>
    /// <remarks><paramref name="principalName"/>: what the CLI wrote as <c>principalName</c>, when not the default (a user's principal name, else the key).</remarks>
    public TestTenant AssignAzureRole(string principalKey, string principalType, string roleGuid, string scope, string? condition = null, string? principalName = null)
    {
        EnsureBuiltInAzureRoles();
        var name = Id($"azure-assignment-{principalKey}-{roleGuid}-{scope}");
        return AddAzure("role-assignments.json", new
        {
            condition,
            conditionVersion = condition is null ? null : "2.0",
            id = $"{scope}/providers/Microsoft.Authorization/roleAssignments/{name}",
            name,
            principalId = Id(principalKey),
            principalName = principalName ?? (principalType == "User" ? UserPrincipalName(principalKey) : principalKey),
            principalType,
            roleDefinitionId = $"{Subscription}/providers/Microsoft.Authorization/roleDefinitions/{roleGuid}",
            roleDefinitionName = _azureRoleNames[roleGuid],
            scope,
            type = "Microsoft.Authorization/roleAssignments",
        });
    }

    /// <summary>A PIM eligibility on Azure resources (a REST role eligibility schedule instance), from 30 days ago; <paramref name="endInDays"/> null never ends.</summary>
    /// <remarks><paramref name="principalDisplayName"/>: the principal's <c>expandedProperties</c>, as the list returns them, when given.</remarks>
    public TestTenant AzureEligibility(string principalKey, string principalType, string roleGuid, string scope, double? endInDays = null, string? principalDisplayName = null)
    {
        EnsureBuiltInAzureRoles();
        var name = Id($"azure-eligibility-{principalKey}-{roleGuid}-{scope}");
        return AddAzure("role-eligibility-schedule-instances.json", new
        {
            id = $"{scope}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/{name}",
            name,
            type = "Microsoft.Authorization/roleEligibilityScheduleInstances",
            properties = new
            {
                roleEligibilityScheduleId = $"{scope}/providers/Microsoft.Authorization/roleEligibilitySchedules/{Id("schedule-" + name)}",
                scope,
                roleDefinitionId = $"{Subscription}/providers/Microsoft.Authorization/roleDefinitions/{roleGuid}",
                principalId = Id(principalKey),
                principalType,
                status = "Provisioned",
                startDateTime = DaysAgo(30),
                endDateTime = endInDays is { } end ? DaysAgo(-end) : null,
                memberType = "Direct",
                condition = (string?)null,
                conditionVersion = (string?)null,
                expandedProperties = principalDisplayName is null ? null : new
                {
                    principal = new { id = Id(principalKey), displayName = principalDisplayName, email = (string?)null, type = principalType },
                },
            },
        });
    }

    /// <summary>
    /// The PIM role assignment schedule instance of an assignment <see cref="AssignAzureRole"/> made, as the REST list
    /// returns it, from 2 hours ago: <c>Assigned</c> or <c>Activated</c> (with the eligibility it activated);
    /// <paramref name="endInDays"/> null never ends.
    /// </summary>
    public TestTenant AzureAssignmentScheduleInstance(string principalKey, string principalType, string roleGuid, string scope, string assignmentType = "Assigned", double? endInDays = null)
    {
        var assignment = Id($"azure-assignment-{principalKey}-{roleGuid}-{scope}");
        var name = Id($"azure-instance-{principalKey}-{roleGuid}-{scope}");
        var activated = assignmentType == "Activated";
        return AddAzure("role-assignment-schedule-instances.json", new
        {
            id = $"{scope}/providers/Microsoft.Authorization/roleAssignmentScheduleInstances/{name}",
            name,
            type = "Microsoft.Authorization/roleAssignmentScheduleInstances",
            properties = new
            {
                scope,
                roleDefinitionId = $"{Subscription}/providers/Microsoft.Authorization/roleDefinitions/{roleGuid}",
                principalId = Id(principalKey),
                principalType,
                roleAssignmentScheduleId = $"{scope}/providers/Microsoft.Authorization/roleAssignmentSchedules/{Id("schedule-" + name)}",
                originRoleAssignmentId = $"{scope}/providers/Microsoft.Authorization/roleAssignments/{assignment}",
                status = "Provisioned",
                startDateTime = DaysAgo(2.0 / 24),
                endDateTime = endInDays is { } end ? DaysAgo(-end) : null,
                linkedRoleEligibilityScheduleId = activated ? $"{scope}/providers/Microsoft.Authorization/roleEligibilitySchedules/{Id("eligibility-schedule-" + name)}" : null,
                linkedRoleEligibilityScheduleInstanceId = activated ? $"{scope}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/{Id("eligibility-" + name)}" : null,
                assignmentType,
                memberType = "Direct",
                condition = (string?)null,
                conditionVersion = (string?)null,
            },
        });
    }

    /// <summary>A classic administrator row as <c>az role assignment list --include-classic-administrators</c> prints it (<paramref name="principalKey"/> null: the CLI found no user).</summary>
    public TestTenant ClassicAdministratorRow(string email, string roles, string? principalKey = null) =>
        AddAzure("role-assignments.json", new
        {
            id = "NA(classic admins)",
            name = "NA(classic admins)",
            principalId = principalKey is null ? null : Id(principalKey),
            principalName = email,
            roleDefinitionId = "NA(classic admin role)",
            roleDefinitionName = roles,
            scope = Subscription,
        });

    /// <summary>A classic administrator as the REST <c>classicAdministrators</c> list returns it (an address, no object id).</summary>
    public TestTenant ClassicAdministratorEntry(string email, string roles)
    {
        var name = Id("classic-" + email);
        return AddAzure("classic-administrators.json", new
        {
            properties = new { emailAddress = email, role = roles },
            id = $"{Subscription}/providers/Microsoft.Authorization/classicAdministrators/{name}",
            type = "Microsoft.Authorization/classicAdministrators",
            name,
        });
    }

    /// <summary>A managed identity's service principal: system-assigned to <paramref name="resourceId"/>, or the user-assigned identity with that id.</summary>
    public string ManagedIdentityAt(string key, string resourceId, bool userAssigned = false)
    {
        Add(ServicePrincipalsSelect, new
        {
            id = Id(key),
            appId = Id("app-id-" + key),
            displayName = key,
            servicePrincipalType = "ManagedIdentity",
            appOwnerOrganizationId = (string?)null,
            accountEnabled = true,
            alternativeNames = new[] { userAssigned ? "isExplicit=True" : "isExplicit=False", resourceId },
            appRoles = Array.Empty<object>(),
            passwordCredentials = Array.Empty<object>(),
            keyCredentials = Array.Empty<object>(),
        });
        return Id(key);
    }

    /// <summary>
    /// An application's service principal (of this tenant unless <paramref name="ownerTenant"/> says otherwise) with a
    /// client secret valid from <paramref name="secretSinceDaysAgo"/> to <paramref name="secretEndsInDays"/> (no secret
    /// when <paramref name="secretSinceDaysAgo"/> is null).
    /// </summary>
    public string ApplicationServicePrincipal(string key, double? secretSinceDaysAgo = 400, double secretEndsInDays = 300, string ownerTenant = TenantId, bool enabled = true, string type = "Application")
    {
        Add(ServicePrincipalsSelect, new
        {
            id = Id(key),
            appId = Id("app-id-" + key),
            displayName = key,
            servicePrincipalType = type,
            appOwnerOrganizationId = ownerTenant,
            accountEnabled = enabled,
            alternativeNames = Array.Empty<string>(),
            appRoles = Array.Empty<object>(),
            passwordCredentials = secretSinceDaysAgo is { } since
                ? new[] { new { customKeyIdentifier = (string?)null, displayName = $"{key}-secret", endDateTime = DaysAgo(-secretEndsInDays), hint = "Q~x", keyId = Id($"secret-{key}"), secretText = (string?)null, startDateTime = DaysAgo(since) } }
                : [],
            keyCredentials = Array.Empty<object>(),
        });
        return Id(key);
    }

    /// <summary>A Microsoft Graph application permission granted to a service principal (Microsoft Graph's own service principal is written once).</summary>
    public TestTenant GrantGraphPermission(string holderKey, string permission, string appRoleId)
    {
        var graph = Id("microsoft-graph");
        if (_graphAppRoleIds.Add(appRoleId))
        {
            _graphAppRoles.Add(new { id = appRoleId, value = permission, displayName = permission, description = permission, allowedMemberTypes = ApplicationMemberTypes, isEnabled = true });
        }

        if (!_graphWritten)
        {
            _graphWritten = true;
            // The list is serialized when the tenant is scanned, so roles granted later are in it too.
            Add(ServicePrincipalsSelect, new
            {
                id = graph,
                appId = MicrosoftGraphAppId,
                displayName = "Microsoft Graph",
                servicePrincipalType = "Application",
                appOwnerOrganizationId = MicrosoftTenantId,
                accountEnabled = true,
                alternativeNames = Array.Empty<string>(),
                appRoles = _graphAppRoles,
                passwordCredentials = Array.Empty<object>(),
                keyCredentials = Array.Empty<object>(),
            });
        }

        return Add($"servicePrincipals('{graph}')/appRoleAssignedTo", new
        {
            id = Id($"graph-grant-{holderKey}-{permission}"),
            principalId = Id(holderKey),
            principalType = "ServicePrincipal",
            principalDisplayName = holderKey,
            resourceId = graph,
            resourceDisplayName = "Microsoft Graph",
            appRoleId,
            createdDateTime = DaysAgo(500),
        });
    }

    /// <summary>An entry of the beta service principal sign-in activity report for the service principal <paramref name="key"/> (null: no sign-in of that kind).</summary>
    public TestTenant ServicePrincipalSignedIn(string key, double? appOnlyClientDaysAgo = null, double? delegatedClientDaysAgo = null, double? appOnlyResourceDaysAgo = null)
    {
        var appId = key == "microsoft-graph" ? MicrosoftGraphAppId : Id("app-id-" + key);
        var kinds = new[] { appOnlyClientDaysAgo, delegatedClientDaysAgo, appOnlyResourceDaysAgo };
        double? latest = kinds.Any(k => k is not null) ? kinds.Where(k => k is not null).Min() : null;
        return Add("reports/servicePrincipalSignInActivities", new
        {
            id = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(appId)),
            appId,
            applicationAuthenticationClientSignInActivity = Activity(appOnlyClientDaysAgo),
            applicationAuthenticationResourceSignInActivity = Activity(appOnlyResourceDaysAgo),
            delegatedClientSignInActivity = Activity(delegatedClientDaysAgo),
            delegatedResourceSignInActivity = Activity(null),
            lastSignInActivity = Activity(latest),
        });

        static object Activity(double? daysAgo) => new { lastSignInDateTime = daysAgo is { } days ? DaysAgo(days) : null, lastSignInRequestId = daysAgo is null ? null : Id($"request-{daysAgo}") };
    }

    /// <summary>
    /// A member user whose signInActivity has no <c>lastSuccessfulSignInDateTime</c> at all (exports made before Graph
    /// had it), with attempts this many days ago.
    /// </summary>
    public string UserSignedInWithoutSuccessField(string key, double? interactiveDaysAgo, double? nonInteractiveDaysAgo, double createdDaysAgo = 400)
    {
        Add("users(id,displayName,userPrincipalName,userType,accountEnabled,createdDateTime,onPremisesSyncEnabled,signInActivity)", new
        {
            id = Id(key),
            displayName = key,
            userPrincipalName = UserPrincipalName(key),
            userType = "Member",
            accountEnabled = true,
            createdDateTime = DaysAgo(createdDaysAgo),
            onPremisesSyncEnabled = (bool?)null,
            signInActivity = new
            {
                lastSignInDateTime = interactiveDaysAgo is { } interactive ? DaysAgo(interactive) : null,
                lastNonInteractiveSignInDateTime = nonInteractiveDaysAgo is { } nonInteractive ? DaysAgo(nonInteractive) : null,
            },
        });
        return Id(key);
    }

    /// <summary>A member user whose signInActivity records each kind of sign-in this many days ago (null: none recorded).</summary>
    public string UserSignedIn(string key, double? interactiveDaysAgo, double? nonInteractiveDaysAgo, double? successfulDaysAgo, double createdDaysAgo = 400)
    {
        Add("users(id,displayName,userPrincipalName,userType,accountEnabled,createdDateTime,onPremisesSyncEnabled,signInActivity)", new
        {
            id = Id(key),
            displayName = key,
            userPrincipalName = UserPrincipalName(key),
            userType = "Member",
            accountEnabled = true,
            createdDateTime = DaysAgo(createdDaysAgo),
            onPremisesSyncEnabled = (bool?)null,
            signInActivity = new
            {
                lastSignInDateTime = Ago(interactiveDaysAgo),
                lastNonInteractiveSignInDateTime = Ago(nonInteractiveDaysAgo),
                lastSuccessfulSignInDateTime = Ago(successfulDaysAgo),
            },
        });
        return Id(key);

        static string? Ago(double? days) => days is { } d ? DaysAgo(d) : null;
    }

    private void EnsureBuiltInAzureRoles()
    {
        foreach (var (id, name, actions, notActions) in AzureBuiltInRoles)
        {
            if (_azureRoleNames.TryAdd(id, name))
            {
                AddAzure("role-definitions.json", RoleDefinitionEntry(id, name, "BuiltInRole", actions, notActions));
            }
        }
    }

    private static object RoleDefinitionEntry(string guid, string name, string type, string[] actions, string[] notActions, string? condition = null, string[]? assignableScopes = null) => new
    {
        assignableScopes = assignableScopes ?? [type == "BuiltInRole" ? "/" : Subscription],
        description = name,
        id = $"{Subscription}/providers/Microsoft.Authorization/roleDefinitions/{guid}",
        name = guid,
        permissions = new[] { new { actions, condition, conditionVersion = condition is null ? null : "2.0", dataActions = Array.Empty<string>(), notActions, notDataActions = Array.Empty<string>() } },
        roleName = name,
        roleType = type,
        type = "Microsoft.Authorization/roleDefinitions",
    };

    private void EnsureRootGroup()
    {
        if (_managementGroupParents.TryAdd(RootGroup, null))
        {
            AddAzure("management-groups.json", Entity(ManagementGroupScope(RootGroup), RootGroup, "Tenant Root Group", "Microsoft.Management/managementGroups", null));
        }
    }

    /// <summary>An item of the entities list; its parent chain is worked out from the groups written before it.</summary>
    private object Entity(string id, string name, string displayName, string type, string? parent)
    {
        var chain = new List<string>();
        for (var current = parent; current is not null; current = _managementGroupParents.GetValueOrDefault(current))
        {
            chain.Insert(0, current);
        }

        return new
        {
            displayName,
            id,
            inheritedPermissions = "view",
            name,
            numberOfChildGroups = (int?)null,
            numberOfChildren = (int?)null,
            numberOfDescendants = (int?)null,
            parent = parent is null ? null : new { id = ManagementGroupScope(parent) },
            parentDisplayNameChain = chain,
            parentNameChain = chain,
            permissions = "view",
            tenantId = TenantId,
            type,
        };
    }
}
