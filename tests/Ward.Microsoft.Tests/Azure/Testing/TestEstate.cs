using System.Collections.Immutable;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Tests.Azure.Testing;

/// <summary>Builds small in-memory estates for authorizer tests, one fact per call.</summary>
internal sealed class TestEstate
{
    public const string Subscription = "0d7f3a91-5c2e-4b68-9e14-7a3c6b2d8f50";
    public const string User = "1a2b3c4d-0000-4000-8000-000000000001";
    public const string OtherUser = "1a2b3c4d-0000-4000-8000-000000000002";
    public const string Group = "1a2b3c4d-0000-4000-8000-0000000000a1";

    private readonly List<RoleDefinition> _definitions = [];
    private readonly List<RoleAssignment> _assignments = [];
    private readonly List<DenyAssignment> _denies = [];
    private readonly List<EligibleRoleAssignment> _eligible = [];
    private readonly List<ManagementGroup> _groups = [];
    private readonly List<AzureSubscription> _subscriptions = [];

    public static string SubscriptionScope => "/subscriptions/" + Subscription;

    public static string ResourceGroupScope(string name) => $"{SubscriptionScope}/resourceGroups/{name}";

    public TestEstate Role(string guid, string name, params PermissionBlock[] blocks)
    {
        _definitions.Add(new RoleDefinition
        {
            Id = $"/subscriptions/{Subscription}/providers/Microsoft.Authorization/roleDefinitions/{guid}",
            Name = guid,
            RoleName = name,
            RoleType = RoleType.CustomRole,
            Permissions = [.. blocks],
        });
        return this;
    }

    public TestEstate Assign(string principal, string roleGuid, string scope, string? condition = null, string? principalName = null, string principalType = "User")
    {
        var id = Guid.NewGuid().ToString();
        _assignments.Add(new RoleAssignment
        {
            Id = $"{scope.TrimEnd('/')}/providers/Microsoft.Authorization/roleAssignments/{id}",
            Name = id,
            PrincipalId = principal,
            PrincipalName = principalName,
            PrincipalType = principalType,
            RoleDefinitionId = $"/providers/Microsoft.Authorization/roleDefinitions/{roleGuid}",
            Scope = AzureScope.Parse(scope),
            Condition = condition,
            ConditionVersion = condition is null ? null : "2.0",
        });
        return this;
    }

    public TestEstate Deny(string name, string scope, PermissionBlock permissions, IEnumerable<DenyPrincipal> principals, IEnumerable<DenyPrincipal>? excluded = null, bool doNotApplyToChildScopes = false, string? condition = null)
    {
        _denies.Add(new DenyAssignment
        {
            Id = $"{scope.TrimEnd('/')}/providers/Microsoft.Authorization/denyAssignments/{Guid.NewGuid()}",
            Name = name,
            DenyAssignmentName = name,
            Permissions = [permissions],
            Scope = AzureScope.Parse(scope),
            Principals = [.. principals],
            ExcludePrincipals = [.. excluded ?? []],
            DoNotApplyToChildScopes = doNotApplyToChildScopes,
            Condition = condition,
        });
        return this;
    }

    public TestEstate Eligible(string principal, string roleGuid, string scope, DateTimeOffset? start = null, DateTimeOffset? end = null)
    {
        _eligible.Add(new EligibleRoleAssignment
        {
            Id = $"{scope}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/{Guid.NewGuid()}",
            PrincipalId = principal,
            RoleDefinitionId = $"/providers/Microsoft.Authorization/roleDefinitions/{roleGuid}",
            Scope = AzureScope.Parse(scope),
            StartDateTime = start,
            EndDateTime = end,
            MemberType = "Direct",
        });
        return this;
    }

    public TestEstate ManagementGroup(string name, string? parent)
    {
        _groups.Add(new ManagementGroup { Name = name, DisplayName = name, ParentName = parent, IsTenantRoot = parent is null });
        return this;
    }

    public TestEstate PlaceSubscription(string id, string? managementGroup)
    {
        _subscriptions.Add(new AzureSubscription { Id = id, DisplayName = id, ManagementGroupName = managementGroup });
        return this;
    }

    public AzureEstate Build() => AzureEstate.Empty with
    {
        RoleDefinitions = [.. _definitions],
        RoleAssignments = [.. _assignments],
        DenyAssignments = [.. _denies],
        EligibleAssignments = [.. _eligible],
        Hierarchy = new AzureHierarchy { ManagementGroups = [.. _groups], Subscriptions = [.. _subscriptions] },
    };

    public static PermissionBlock Actions(params string[] actions) => new() { Actions = [.. actions] };

    public static PermissionBlock Block(string[] actions, string[]? notActions = null, string[]? dataActions = null, string[]? notDataActions = null) => new()
    {
        Actions = [.. actions],
        NotActions = [.. notActions ?? []],
        DataActions = [.. dataActions ?? []],
        NotDataActions = [.. notDataActions ?? []],
    };

    public static ImmutableArray<DenyPrincipal> Everyone => [new DenyPrincipal(DenyPrincipal.EveryoneId, "Everyone")];
}
