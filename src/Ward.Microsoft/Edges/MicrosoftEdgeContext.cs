using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Evaluation;

namespace Ward.Microsoft.Edges;

/// <summary>What the edge checkers share: the directory, the Azure estate, their authorizers, and lookups.</summary>
public sealed class MicrosoftEdgeContext
{
    /// <summary>Microsoft Graph's application id, the same in every tenant.</summary>
    public const string MicrosoftGraphAppId = "00000003-0000-0000-c000-000000000000";

    // Microsoft's own tenants: their applications are first-party and never a target (their credentials are not the customer's to add).
    private static readonly FrozenSet<string> MicrosoftTenants = FrozenSet.ToFrozenSet(
        ["f8cdef31-a31e-4b4a-93e4-5f571e91255a", "72f988bf-86f1-41af-91ab-2d7cd011db47"], StringComparer.OrdinalIgnoreCase);

    public MicrosoftEdgeContext(EntraDirectory directory, AzureEstate azure, DateTimeOffset asOf)
    {
        Directory = directory;
        Azure = azure;
        AsOf = asOf;
        Roles = new EntraRoleAuthorizer(directory);
        Membership = new DirectoryGroupMembership(directory);
        Rbac = new AzureAuthorizer(azure, Membership);
        var graph = directory.FindServicePrincipalByAppId(MicrosoftGraphAppId);
        var permissionNames = graph?.AppRoles.Where(r => r.Value is not null).ToDictionary(r => r.Id, r => r.Value!, StringComparer.OrdinalIgnoreCase) ?? [];
        GraphPermissions = directory.AppRoleAssignments
            .Where(a => graph is not null && string.Equals(a.ResourceId, graph.Id, StringComparison.OrdinalIgnoreCase) && permissionNames.ContainsKey(a.AppRoleId))
            .GroupBy(a => a.PrincipalId, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.Select(a => permissionNames[a.AppRoleId]).ToFrozenSet(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
    }

    public EntraDirectory Directory { get; }

    public AzureEstate Azure { get; }

    public DateTimeOffset AsOf { get; }

    public EntraRoleAuthorizer Roles { get; }

    public AzureAuthorizer Rbac { get; }

    public DirectoryGroupMembership Membership { get; }

    /// <summary>Every user and service principal an Azure role assignment reaches (groups replaced by their members), sorted; worked out once.</summary>
    public IReadOnlyList<string> AzureAssignees => field ??= [.. WithMembers(Azure.RoleAssignments.Select(a => a.PrincipalId), keepGroups: false)];

    /// <summary>The principals named, with every group among them replaced by (or, with <paramref name="keepGroups"/>, followed by) its members; sorted, each once.</summary>
    public IEnumerable<string> WithMembers(IEnumerable<string> principals, bool keepGroups) =>
        principals
            .SelectMany(p => Directory.FindGroup(p) is null ? [p] : keepGroups ? Membership.MembersOf(p).Prepend(p) : Membership.MembersOf(p))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal);

    /// <summary>Microsoft Graph application permissions (their names) per service principal.</summary>
    public FrozenDictionary<string, FrozenSet<string>> GraphPermissions { get; }

    public bool HasGraphPermission(string servicePrincipalId, string permission) =>
        GraphPermissions.TryGetValue(servicePrincipalId, out var held) && held.Contains(permission);

    /// <summary>A service principal someone could add a credential to and sign in as: not Microsoft's own, not a managed identity.</summary>
    public static bool IsTakeoverTarget(EntraServicePrincipal servicePrincipal) =>
        servicePrincipal.ServicePrincipalType != ServicePrincipalType.ManagedIdentity && !IsMicrosoftFirstParty(servicePrincipal);

    /// <summary>
    /// Whether paths may start at the principal: not at a Microsoft application's service principal. The tenant cannot
    /// act as one (its credentials are Microsoft's to add, so no edge leads to it: <see cref="IsTakeoverTarget"/>), and
    /// what it holds is Microsoft's to use for its service. A managed identity stays a source whatever owner it names:
    /// code of the tenant's resources runs as it.
    /// </summary>
    public bool IsEscalationSource(string principalId) =>
        Directory.FindServicePrincipal(principalId) is not { } servicePrincipal
        || servicePrincipal.ServicePrincipalType == ServicePrincipalType.ManagedIdentity
        || !IsMicrosoftFirstParty(servicePrincipal);

    /// <summary>A Microsoft application's service principal (its registration lives in one of Microsoft's own tenants).</summary>
    public static bool IsMicrosoftFirstParty(EntraServicePrincipal servicePrincipal) =>
        servicePrincipal.AppOwnerOrganizationId is { } owner && MicrosoftTenants.Contains(owner);

    /// <summary>
    /// The principals that hold, actively, a directory role whose definition allows the action somewhere: the only
    /// candidates worth deciding target by target. Members of role-assignable groups holding such a role included.
    /// </summary>
    public IEnumerable<string> RoleHoldersFor(string action)
    {
        var roles = Directory.RoleDefinitions
            .Where(d => d.RolePermissions.Any(p => p.AllowedResourceActions.Any(a => ResourceActionPattern.Matches(a, action))))
            .SelectMany(d => new[] { d.Id, d.TemplateId }.OfType<string>())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Directory.RoleAssignments.Where(a => roles.Contains(a.RoleDefinitionId))
            .SelectMany(a => Directory.FindGroup(a.PrincipalId) is { IsAssignableToRole: true } group ? MembersOf(group) : [a.PrincipalId])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal);
    }

    /// <summary>Direct members of a group (role-assignable groups cannot nest).</summary>
    public static IEnumerable<string> MembersOf(EntraGroup group) => (group.TransitiveMembers ?? group.Members ?? []).Select(m => m.Id);

    /// <summary>An edge for a decision: certain when allowed, conditional on its requirements, indeterminate as a requirement; none when denied.</summary>
    public static Edge? EdgeIf(string technique, string from, string to, string description, Decision decision, string action, string resource, bool grantsAdmin = false)
    {
        var requirements = decision switch
        {
            Allowed => ImmutableArray<string>.Empty,
            Conditional conditional => conditional.Requirements,
            Indeterminate indeterminate => [$"Ward could not decide `{action}`: {indeterminate.Reason}"],
            _ => (ImmutableArray<string>?)null,
        };
        if (requirements is not { } needed)
        {
            return null;
        }

        // The layer that decided (an Azure decision lists every role assignment it weighed, those that grant nothing too).
        var layers = decision.Explanation.Layers;
        var deciding = layers.FirstOrDefault(l => l.Decisive) ?? layers.FirstOrDefault(l => l.Outcome == LayerOutcome.Allows);
        var grantedBy = (deciding?.Statements ?? layers.SelectMany(l => l.Statements)).FirstOrDefault() is { } statement ? $"{statement.Policy}: {statement.Statement}" : decision.Explanation.Summary;
        return new Edge(new PrincipalId(from), new PrincipalId(to), technique, description, [new EdgePermission(action, resource, grantedBy, [])])
        {
            Requirements = needed,
            GrantsAdmin = grantsAdmin,
        };
    }
}
