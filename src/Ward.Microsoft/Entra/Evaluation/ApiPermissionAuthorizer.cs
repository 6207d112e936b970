using System.Collections.Immutable;
using Ward.Core.Decisions;
using Ward.Microsoft.Entra.Catalog;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.Evaluation;

/// <summary>
/// Decides whether a principal holds an API permission (<see cref="ApiPermission"/>): app-only, by an app role
/// assignment of the permission's app role to the service principal itself (tenant-wide, no user involved), or
/// delegated, by an <c>oauth2PermissionGrant</c> of the scope to the client, which holds only while a user the grant
/// covers signs in to it and only within that user's own rights.
/// </summary>
/// <remarks>
/// As Entra ID issues tokens: none to a disabled service principal (<c>accountEnabled</c> false), none for a disabled
/// resource, none to a group (an app role assigned to a group reaches its member users, never as an application
/// permission: app-only tokens carry the app roles assigned to the service principal itself); a disabled app role or
/// scope is not issued; a deleted assignment grants nothing; a client that requires assignment
/// (<c>appRoleAssignmentRequired</c>) acts for no user without an app role assignment to it
/// (<see cref="AssignmentRequirement"/>). A grant's beta <c>expiryTime</c> is ignored, as Microsoft
/// Graph documents Entra ID does. A user's own rights in the resource (mailboxes, files) are not in a Graph export:
/// only directory roles are, and only they are named.
/// </remarks>
public sealed class ApiPermissionAuthorizer(EntraDirectory directory)
{
    private const string AppOnlyLayer = "application permissions";
    private const string DelegatedLayer = "delegated permissions";

    // Graph permissions over directory objects: what a user may do with them is what its directory roles allow.
    private static readonly string[] DirectoryPermissionPrefixes =
        ["User.", "Group.", "GroupMember.", "Directory.", "RoleManagement.", "Application.", "AppRoleAssignment.", "DelegatedPermissionGrant.", "Policy.", "Domain.", "Organization.", "UserAuthenticationMethod.", "AdministrativeUnit.", "Device.", "PrivilegedAccess.", "RoleAssignmentSchedule.", "RoleEligibilitySchedule."];

    public EntraDirectory Directory { get; } = directory;

    /// <summary>
    /// The decision for <paramref name="principalId"/>: a service principal (app-only, else delegated as a client), a
    /// user (the delegated grants that cover it, for any client) or a group. With <paramref name="asUserId"/>, a service
    /// principal's delegated case is decided for that one user.
    /// </summary>
    public Decision Authorize(string principalId, ApiPermission permission, string? asUserId = null)
    {
        ArgumentNullException.ThrowIfNull(principalId);
        ArgumentNullException.ThrowIfNull(permission);
        if (Directory.FindServicePrincipal(principalId) is { } servicePrincipal)
        {
            return ForServicePrincipal(servicePrincipal, permission, asUserId);
        }

        if (Directory.FindUser(principalId) is { } user)
        {
            return ForUser(user, permission);
        }

        if (Directory.FindGroup(principalId) is { } group)
        {
            return ForGroup(group, permission);
        }

        var why = Directory.FindApplication(principalId) is { } application
            ? $"`{application.DisplayName ?? principalId}` is an application registration: permissions are held by its service principal (application id {application.AppId})"
            : $"`{principalId}` is not a service principal, user or group of the Entra ID export";
        return Deny(why, []);
    }

    /// <summary>Every principal an app role assignment or a delegated grant names for the permission: service principals and groups assigned its app role, and clients granted its scope.</summary>
    public IEnumerable<string> Candidates(ApiPermission permission)
    {
        ArgumentNullException.ThrowIfNull(permission);
        var assigned = permission.AppRole is null
            ? []
            : Directory.AppRoleAssignments.Where(a => IsOf(a, permission)).Select(a => a.PrincipalId);
        var clients = GrantsOf(permission).Select(g => g.ClientId);
        return assigned.Concat(clients).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
    }

    private Decision ForServicePrincipal(EntraServicePrincipal client, ApiPermission permission, string? asUserId)
    {
        var name = Name(client);
        var blocked = TokenRefusal(client, permission);
        var (appOnly, appOnlyRefusals) = AppOnly(client, permission, blocked);
        var grants = GrantsOf(permission).Where(g => Same(g.ClientId, client.Id)).ToList();
        var delegatedRefusals = new List<string>();
        if (grants.Count > 0 && blocked is not null)
        {
            delegatedRefusals.Add($"{Grants(grants)} grant `{permission.Name}` to {name} delegated, but {blocked}");
            grants.Clear();
        }

        if (grants.Count > 0 && permission.Scope is { IsEnabled: false })
        {
            delegatedRefusals.Add($"{Grants(grants)} name the scope `{permission.Name}`, but {permission.ResourceName} has disabled it (`isEnabled` false): it is not issued");
            grants.Clear();
        }

        var usable = grants.Where(g => g.IsForAllPrincipals
            || (Directory.FindUser(g.PrincipalId!) is { AccountEnabled: false }
                ? Refuse(delegatedRefusals, $"grant `{g.Id}` is for {UserName(g.PrincipalId!)}, who is disabled and cannot sign in")
                : AssignmentRequirement.Refusal(Directory, client, g.PrincipalId!) is not { } unassigned || Refuse(delegatedRefusals, $"grant `{g.Id}` is for {UserName(g.PrincipalId!)}, but {unassigned}"))).ToList();
        var appOnlyLayer = appOnly.Count > 0
            ? new LayerEvaluation(AppOnlyLayer, permission.ResourceName, LayerOutcome.Allows, [.. appOnly.Select(a => AssignmentStatement(a, permission))])
            : new LayerEvaluation(AppOnlyLayer, permission.ResourceName, LayerOutcome.NoMatchingAllow, []);
        var delegatedLayer = usable.Count > 0
            ? new LayerEvaluation(DelegatedLayer, permission.ResourceName, LayerOutcome.Allows, [.. usable.Select(g => GrantStatement(g, permission))])
            : new LayerEvaluation(DelegatedLayer, permission.ResourceName, LayerOutcome.NoMatchingAllow, []);

        if (asUserId is not null)
        {
            return ForClientAsUser(client, permission, asUserId, usable, appOnly, appOnlyLayer, delegatedLayer, delegatedRefusals);
        }

        if (appOnly.Count > 0)
        {
            var also = usable.Count > 0 ? $" It also holds it delegated ({Grants(usable)})." : string.Empty;
            return new Allowed(new Explanation(
                $"Allowed app-only: {Assignments(appOnly)} gives {name} the application permission `{permission.Name}` (app role `{permission.AppRole!.Id}`) of {permission.ResourceName}, tenant-wide and without a signed-in user.{also}",
                [appOnlyLayer with { Decisive = true }, delegatedLayer]));
        }

        var refusals = appOnlyRefusals.Concat(delegatedRefusals).ToList();
        if (usable.Count > 0)
        {
            string CoveredSigningIn(OAuth2PermissionGrant g) => Covered(g, client);
            var requirements = usable.Select(g => $"{CoveredSigningIn(g)} signs in to {name} (grant `{g.Id}`)")
                .Append($"{name} then acts within that user's own rights: the effective access is `{permission.Name}` intersected with what the user may do in {permission.ResourceName}")
                .ToImmutableArray();
            var notes = (refusals.Count > 0 ? $" App-only: {string.Join("; ", refusals)}." : string.Empty) + NotExported(client);
            return new Conditional(requirements, DecisionKind.ImplicitDeny, new Explanation(
                $"Conditional: {name} holds `{permission.Name}` of {permission.ResourceName} delegated only, by {Grants(usable)}: only while {string.Join(" or ", usable.Select(CoveredSigningIn))} signs in to it, and only within that user's own rights.{notes}",
                [appOnlyLayer, delegatedLayer with { Decisive = true }]));
        }

        var why = refusals.Count > 0
            ? string.Join("; ", refusals)
            : $"no app role assignment gives {name} the application permission `{permission.Name}` of {permission.ResourceName}{(permission.AppRole is null ? $" (it is not an app role of {permission.ResourceName})" : string.Empty)}, and no delegated grant gives it the scope";
        return Deny(why, [appOnlyLayer with { Decisive = true }, delegatedLayer]);
    }

    private Decision ForClientAsUser(
        EntraServicePrincipal client, ApiPermission permission, string userId, List<OAuth2PermissionGrant> usable, List<AppRoleAssignment> appOnly,
        LayerEvaluation appOnlyLayer, LayerEvaluation delegatedLayer, List<string> refusals)
    {
        var name = Name(client);
        var user = UserName(userId);
        var appOnlyNote = appOnly.Count > 0 ? $" (App-only, without any user, {Assignments(appOnly)} gives it `{permission.Name}` anyway.)" : string.Empty;
        if (Directory.FindUser(userId) is { AccountEnabled: false })
        {
            return Deny($"{user} is disabled (`accountEnabled` false) and cannot sign in to {name}{appOnlyNote}", [appOnlyLayer, delegatedLayer with { Decisive = true }]);
        }

        var covering = usable.Where(g => g.IsForAllPrincipals || Same(g.PrincipalId, userId)).ToList();
        if (covering.Count == 0)
        {
            var others = usable.Count > 0 ? $"; {Grants(usable)} cover {string.Join(", ", usable.Select(Covered))} only" : string.Empty;
            var why = $"no delegated grant of `{permission.Name}` of {permission.ResourceName} to {name} covers {user}{others}{(refusals.Count > 0 ? "; " + string.Join("; ", refusals) : string.Empty)}";
            return Deny(why + appOnlyNote, [appOnlyLayer, delegatedLayer with { Outcome = LayerOutcome.NoMatchingAllow, Statements = [], Decisive = true }]);
        }

        if (AssignmentRequirement.Refusal(Directory, client, userId) is { } unassigned)
        {
            return Deny($"{Grants(covering)} ({string.Join(", ", covering.Select(Consent))}) {(covering.Count == 1 ? "covers" : "cover")} {user}, but {unassigned}{appOnlyNote}", [appOnlyLayer, delegatedLayer with { Outcome = LayerOutcome.NoMatchingAllow, Statements = [], Decisive = true }]);
        }

        var coveredLayer = delegatedLayer with { Statements = [.. covering.Select(g => GrantStatement(g, permission))], Decisive = true };
        return new Allowed(new Explanation(
            $"Allowed delegated for {user}: {Grants(covering)} ({string.Join(", ", covering.Select(Consent))}) {(covering.Count == 1 ? "lets" : "let")} {name} use `{permission.Name}` of {permission.ResourceName} while {user} signs in to it. The effective right is the intersection with {user}'s own rights: {UserRights(userId, permission)}{appOnlyNote}{NotExported(client)}{Nested(client, userId)}",
            [appOnlyLayer, coveredLayer]));
    }

    private Decision ForUser(EntraUser user, ApiPermission permission)
    {
        var name = UserName(user.Id);
        if (user.AccountEnabled == false)
        {
            return Deny($"{name} is disabled (`accountEnabled` false): no client can act for it", []);
        }

        var refusals = new List<string>();
        var covering = GrantsOf(permission).Where(g => g.IsForAllPrincipals || Same(g.PrincipalId, user.Id)).ToList();
        var usable = covering.Where(g => Directory.FindServicePrincipal(g.ClientId) is not { } client
            || (TokenRefusal(client, permission) ?? AssignmentRequirement.Refusal(Directory, client, user.Id)) is not { } refusal
            || Refuse(refusals, $"grant `{g.Id}` is to {Name(client)}, but {refusal}")).ToList();
        if (usable.Count == 0)
        {
            var why = refusals.Count > 0 ? string.Join("; ", refusals) : $"no delegated grant of `{permission.Name}` of {permission.ResourceName} covers {name}: none names it, and none is consented for every user";
            return Deny(why, [new LayerEvaluation(DelegatedLayer, permission.ResourceName, LayerOutcome.NoMatchingAllow, []) { Decisive = true }]);
        }

        var clients = usable.Select(g => ClientName(g.ClientId)).Distinct(StringComparer.Ordinal).ToList();
        var layer = new LayerEvaluation(DelegatedLayer, permission.ResourceName, LayerOutcome.Allows, [.. usable.Select(g => GrantStatement(g, permission))]) { Decisive = true };
        return new Allowed(new Explanation(
            $"Allowed delegated: while {name} signs in to {string.Join(" or ", clients)}, the client uses `{permission.Name}` of {permission.ResourceName} for {name} ({string.Join(", ", usable.Select(g => $"grant `{g.Id}`, {Consent(g)}"))}), within {name}'s own rights: {UserRights(user.Id, permission)}{string.Concat(usable.Select(g => Directory.FindServicePrincipal(g.ClientId)).OfType<EntraServicePrincipal>().DistinctBy(c => c.Id, StringComparer.OrdinalIgnoreCase).Select(c => NotExported(c) + Nested(c, user.Id)))}",
            [layer]));
    }

    private ImplicitDeny ForGroup(EntraGroup group, ApiPermission permission)
    {
        var assignments = Directory.AppRoleAssignments.Where(a => Same(a.PrincipalId, group.Id) && IsOf(a, permission)).ToList();
        var why = assignments.Count > 0
            ? $"{Assignments(assignments)} assigns the app role `{permission.Name}` to the group `{group.DisplayName ?? group.Id}`, but no token is issued to a group: the role reaches its member users when they sign in to {permission.ResourceName}, and never as an application permission (app-only tokens carry the app roles assigned to the service principal itself)"
            : $"a group holds no API permission of its own: no token is issued to `{group.DisplayName ?? group.Id}`";
        return Deny(why, [new LayerEvaluation(AppOnlyLayer, permission.ResourceName, LayerOutcome.NoMatchingAllow, []) { Decisive = true }]);
    }

    /// <summary>The service principal's own usable assignments of the app role, and why others do not count.</summary>
    private (List<AppRoleAssignment> Usable, List<string> Refusals) AppOnly(EntraServicePrincipal client, ApiPermission permission, string? blocked)
    {
        var refusals = new List<string>();
        if (permission.AppRole is not { } role)
        {
            return ([], refusals);
        }

        var own = Directory.AppRoleAssignments.Where(a => Same(a.PrincipalId, client.Id) && IsOf(a, permission)).ToList();
        var usable = new List<AppRoleAssignment>();
        foreach (var assignment in own)
        {
            var refusal = assignment.DeletedDateTime is { } deleted
                ? $"app role assignment `{assignment.Id}` was deleted on {deleted:yyyy-MM-dd}"
                : blocked is not null
                    ? $"app role assignment `{assignment.Id}` gives it `{permission.Name}`, but {blocked}"
                    : !role.IsEnabled
                        ? $"app role assignment `{assignment.Id}` names the app role `{permission.Name}`, which {permission.ResourceName} has disabled (`isEnabled` false): it is not issued"
                        : !role.AllowedMemberTypes.IsDefaultOrEmpty && !role.AllowedMemberTypes.Contains("Application", StringComparer.OrdinalIgnoreCase)
                            ? $"app role assignment `{assignment.Id}` names the app role `{permission.Name}`, which is for users and groups only (`allowedMemberTypes`), not an application permission"
                            : null;
            if (refusal is null)
            {
                usable.Add(assignment);
            }
            else
            {
                refusals.Add(refusal);
            }
        }

        var groups = Directory.TransitiveGroupsOf(client.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        refusals.AddRange(Directory.AppRoleAssignments.Where(a => groups.Contains(a.PrincipalId) && IsOf(a, permission) && a.DeletedDateTime is null)
            .Select(a => $"it is a member of the group `{Directory.FindGroup(a.PrincipalId)?.DisplayName ?? a.PrincipalId}`, which app role assignment `{a.Id}` gives the app role, but app-only tokens carry only the app roles assigned to the service principal itself"));
        return (usable, refusals);
    }

    private static string? TokenRefusal(EntraServicePrincipal client, ApiPermission permission) => TokenIssuance.Refusal(client, permission.Resource);

    private IEnumerable<OAuth2PermissionGrant> GrantsOf(ApiPermission permission) =>
        Directory.OAuth2PermissionGrants.Where(g => Same(g.ResourceId, permission.Resource.Id) && g.Scopes.Contains(permission.Name, StringComparer.OrdinalIgnoreCase));

    private static bool IsOf(AppRoleAssignment assignment, ApiPermission permission) =>
        Same(assignment.ResourceId, permission.Resource.Id) && Same(assignment.AppRoleId, permission.AppRole?.Id);

    private string UserRights(string userId, ApiPermission permission)
    {
        var user = UserName(userId);
        if (!string.Equals(permission.Resource.AppId, HighRiskPermissions.MicrosoftGraphAppId, StringComparison.OrdinalIgnoreCase)
            || !DirectoryPermissionPrefixes.Any(p => permission.Name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return $"Ward does not read {user}'s rights within {permission.ResourceName} (mailbox and file permissions, site and team membership, the API's own roles), so it does not decide what that covers.";
        }

        var holders = Directory.TransitiveGroupsOf(userId).Prepend(userId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var roles = Directory.RoleAssignments.Where(a => holders.Contains(a.PrincipalId))
            .Select(a => $"{Directory.FindRoleDefinition(a.RoleDefinitionId)?.DisplayName ?? a.RoleDefinitionId} at `{a.DirectoryScope}`")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return roles.Count > 0
            ? $"in the directory, {user}'s directory roles decide ({string.Join(", ", roles)}); ask `ward can` with a `microsoft.directory/…` action and object for one change."
            : $"in the directory, {user} holds no directory role, so only a member user's default rights (its own profile, what it owns) are reached.";
    }

    private static StatementMatch AssignmentStatement(AppRoleAssignment assignment, ApiPermission permission) =>
        new($"app role assignment {assignment.Id}", $"{permission.Name} (app role {assignment.AppRoleId})", StatementEffect.Allow, []);

    private StatementMatch GrantStatement(OAuth2PermissionGrant grant, ApiPermission permission) =>
        new($"delegated grant {grant.Id}", $"{permission.Name} ({grant.ConsentType})", StatementEffect.Allow, [$"{(Directory.FindServicePrincipal(grant.ClientId) is { } client ? Covered(grant, client) : Covered(grant))} signs in to {ClientName(grant.ClientId)}"]);

    private string Covered(OAuth2PermissionGrant grant) => grant.IsForAllPrincipals ? "any user" : UserName(grant.PrincipalId!);

    /// <summary>Whom the grant covers among those who may sign in to the client: with assignment required, any user assigned to it.</summary>
    private string Covered(OAuth2PermissionGrant grant, EntraServicePrincipal client) =>
        grant.IsForAllPrincipals && client.AppRoleAssignmentRequired == true ? $"any user assigned to {Name(client)} (`appRoleAssignmentRequired`)" : Covered(grant);

    /// <summary>A sentence for answers about a user assigned to the client only through a nested group; empty otherwise.</summary>
    private string Nested(EntraServicePrincipal client, string userId) =>
        AssignmentRequirement.NestedOnlyNote(Directory, client, userId) is { } note ? $" Note: {note}." : string.Empty;

    /// <summary>A sentence for answers about a client whose assignment setting the export does not hold; empty otherwise.</summary>
    private string NotExported(EntraServicePrincipal client) =>
        AssignmentRequirement.NotExportedNote(Directory, client) is { } note ? $" Note: {note}." : string.Empty;

    private string Consent(OAuth2PermissionGrant grant) => grant.IsForAllPrincipals ? "consented for every user (`AllPrincipals`)" : $"consented for {UserName(grant.PrincipalId!)} alone (`Principal`)";

    private static string Grants(List<OAuth2PermissionGrant> grants) =>
        (grants.Count == 1 ? "grant " : "grants ") + string.Join(", ", grants.Select(g => $"`{g.Id}`"));

    private static string Assignments(List<AppRoleAssignment> assignments) =>
        (assignments.Count == 1 ? "app role assignment " : "app role assignments ") + string.Join(", ", assignments.Select(a => $"`{a.Id}`"));

    private string UserName(string userId) => Directory.FindUser(userId)?.UserPrincipalName ?? $"user `{userId}`";

    private string ClientName(string clientId) => Directory.FindServicePrincipal(clientId) is { } client ? Name(client) : $"`{clientId}`";

    private static string Name(EntraServicePrincipal servicePrincipal) => servicePrincipal.DisplayName ?? servicePrincipal.Id;

    private static bool Refuse(List<string> refusals, string why)
    {
        refusals.Add(why);
        return false;
    }

    private static bool Same(string? a, string? b) => a is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static ImplicitDeny Deny(string why, ImmutableArray<LayerEvaluation> layers) =>
        new(new Explanation($"Implicitly denied: {why}.", layers.IsDefaultOrEmpty ? [] : layers));
}
