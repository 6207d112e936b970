using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text;

namespace Ward.Microsoft.Entra.Ingest;

/// <summary>
/// A response's <c>@odata.context</c> (<c>https://graph.microsoft.com/v1.0/$metadata#users(id,displayName)</c>),
/// parsed into the API version, the resource path with keys (<c>servicePrincipals('…')/appRoleAssignedTo</c>), and
/// whether it is a single entity (<c>/$entity</c>). <c>$select</c> and <c>$expand</c> lists in parentheses are dropped.
/// </summary>
internal sealed record GraphContext(string Text, string? Version, string Path, string? Key, bool IsEntity)
{
    /// <summary>
    /// The properties the last segment's <c>$select</c> list names (<c>users(id,signInActivity)</c>: id and
    /// signInActivity), expanded ones by their name; empty when the context lists none.
    /// </summary>
    public ImmutableArray<string> Selected { get; init; } = [];

    private const string Metadata = "$metadata#";

    // Paths are matched ignoring case; `{}` stands for a key segment (`servicePrincipals('…')`).
    private static readonly FrozenDictionary<string, GraphCollection> Collections = new Dictionary<string, GraphCollection>(StringComparer.OrdinalIgnoreCase)
    {
        ["organization"] = GraphCollection.Organization,
        ["users"] = GraphCollection.Users,
        ["groups"] = GraphCollection.Groups,
        ["directory/administrativeUnits"] = GraphCollection.AdministrativeUnits,
        ["administrativeUnits"] = GraphCollection.AdministrativeUnits,
        ["roleManagement/directory/roleDefinitions"] = GraphCollection.RoleDefinitions,
        ["roleManagement/directory/roleAssignments"] = GraphCollection.RoleAssignments,
        ["roleManagement/directory/roleAssignmentScheduleInstances"] = GraphCollection.RoleAssignmentScheduleInstances,
        ["roleManagement/directory/roleEligibilitySchedules"] = GraphCollection.RoleEligibilitySchedules,
        ["roleManagement/directory/roleEligibilityScheduleInstances"] = GraphCollection.RoleEligibilityScheduleInstances,
        ["identityGovernance/privilegedAccess/group/eligibilityScheduleInstances"] = GraphCollection.GroupEligibilityScheduleInstances,
        ["identityGovernance/privilegedAccess/group/eligibilitySchedules"] = GraphCollection.GroupEligibilitySchedules,
        ["identityGovernance/privilegedAccess/group/assignmentScheduleInstances"] = GraphCollection.GroupAssignmentScheduleInstances,
        ["policies/roleManagementPolicyAssignments"] = GraphCollection.RoleManagementPolicyAssignments,
        ["applications"] = GraphCollection.Applications,
        ["applications/{}/federatedIdentityCredentials"] = GraphCollection.FederatedIdentityCredentials,
        ["servicePrincipals"] = GraphCollection.ServicePrincipals,
        ["servicePrincipals/{}/appRoleAssignedTo"] = GraphCollection.AppRoleAssignments,
        ["servicePrincipals/{}/appRoleAssignments"] = GraphCollection.AppRoleAssignments,
        ["users/{}/appRoleAssignments"] = GraphCollection.AppRoleAssignments,
        ["groups/{}/appRoleAssignments"] = GraphCollection.AppRoleAssignments,
        ["oauth2PermissionGrants"] = GraphCollection.OAuth2PermissionGrants,
        ["servicePrincipals/{}/oauth2PermissionGrants"] = GraphCollection.OAuth2PermissionGrants,
        ["users/{}/oauth2PermissionGrants"] = GraphCollection.OAuth2PermissionGrants,
        ["identity/conditionalAccess/policies"] = GraphCollection.ConditionalAccessPolicies,
        ["policies/authorizationPolicy"] = GraphCollection.AuthorizationPolicy,
        ["policies/identitySecurityDefaultsEnforcementPolicy"] = GraphCollection.SecurityDefaultsPolicy,
        ["reports/authenticationMethods/userRegistrationDetails"] = GraphCollection.UserRegistrationDetails,
        ["reports/servicePrincipalSignInActivities"] = GraphCollection.ServicePrincipalSignInActivities,
        ["devices"] = GraphCollection.Devices,
        ["deviceManagement/managedDevices"] = GraphCollection.ManagedDevices,
        ["directoryObjects"] = GraphCollection.DirectoryObjects,

        // Graph answers these with `$metadata#directoryObjects`; a context naming the parent is accepted all the same.
        ["groups/{}/members"] = GraphCollection.GroupMembers,
        ["groups/{}/transitiveMembers"] = GraphCollection.GroupTransitiveMembers,
        ["groups/{}/owners"] = GraphCollection.GroupOwners,
        ["applications/{}/owners"] = GraphCollection.ApplicationOwners,
        ["servicePrincipals/{}/owners"] = GraphCollection.ServicePrincipalOwners,
        ["directory/administrativeUnits/{}/members"] = GraphCollection.AdministrativeUnitMembers,
        ["administrativeUnits/{}/members"] = GraphCollection.AdministrativeUnitMembers,
        ["devices/{}/registeredOwners"] = GraphCollection.DeviceRegisteredOwners,
        ["devices/{}/registeredUsers"] = GraphCollection.DeviceRegisteredUsers,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The collection this context names; null when Ward does not read it.</summary>
    public GraphCollection? Collection => Collections.TryGetValue(Path, out var collection) ? collection : null;

    public static GraphContext? Parse(string text)
    {
        var at = text.IndexOf(Metadata, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var before = text[..at].TrimEnd('/');
        var version = before[(before.LastIndexOf('/') + 1)..];
        var path = new StringBuilder();
        string? key = null;
        var isEntity = false;
        var selected = ImmutableArray<string>.Empty;
        foreach (var segment in Segments(text[(at + Metadata.Length)..]))
        {
            if (segment == "$entity")
            {
                isEntity = true;
                continue;
            }

            var open = segment.IndexOf('(', StringComparison.Ordinal);
            var name = open < 0 ? segment : segment[..open];
            if (path.Length > 0)
            {
                path.Append('/');
            }

            path.Append(name);
            if (open >= 0 && segment.EndsWith(')') && KeyOf(segment[(open + 1)..^1]) is { } segmentKey)
            {
                // A key segment: `servicePrincipals('…')` or `groups(id)`.
                key = segmentKey;
                path.Append("/{}");
                selected = [];
            }
            else
            {
                selected = open >= 0 && segment.EndsWith(')') ? SelectList(segment[(open + 1)..^1]) : [];
            }
        }

        return new GraphContext(text, version.Length == 0 ? null : version, path.ToString(), key, isEntity) { Selected = selected };
    }

    private static string? KeyOf(string inside)
    {
        var unquoted = inside.Trim('\'');
        if (inside.StartsWith('\'') || Guid.TryParse(unquoted, out _))
        {
            return Guid.TryParse(unquoted, out var guid) ? guid.ToString("D") : unquoted;
        }

        // `(id,displayName)` or `(principal())`: a $select or $expand list, not a key.
        return null;
    }

    /// <summary>The names of a <c>$select</c>/<c>$expand</c> list, top level only (<c>policy(rules())</c> is <c>policy</c>).</summary>
    private static ImmutableArray<string> SelectList(string inside)
    {
        var names = ImmutableArray.CreateBuilder<string>();
        foreach (var item in Segments(inside, ','))
        {
            var open = item.IndexOf('(', StringComparison.Ordinal);
            var name = (open < 0 ? item : item[..open]).Trim();
            if (name.Length > 0)
            {
                names.Add(name);
            }
        }

        return names.ToImmutable();
    }

    private static IEnumerable<string> Segments(string path, char separator = '/')
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < path.Length; i++)
        {
            switch (path[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case var c when c == separator && depth == 0:
                    yield return path[start..i];
                    start = i + 1;
                    break;
            }
        }

        if (start < path.Length)
        {
            yield return path[start..];
        }
    }
}
