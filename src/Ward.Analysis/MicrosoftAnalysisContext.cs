using System.Collections.Concurrent;
using System.Collections.Immutable;
using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis;

/// <summary>
/// What the Entra ID and Azure rules read: the directory, the Azure estate, the scan's reference time, and (built on
/// first use, once for every rule) the edge checkers' shared context and the escalation graph. Rules run in
/// parallel: what is built on first use is built once, under its own lock.
/// </summary>
public sealed class MicrosoftAnalysisContext(MicrosoftInputs inputs, DateTimeOffset referenceTime)
{
    private readonly Lock _edgesGate = new();
    private readonly Lock _graphGate = new();
    private readonly Lock _adminPathsGate = new();
    private readonly Lock _privilegedGate = new();

    public EntraDirectory Directory { get; } = inputs.Directory;

    public AzureEstate Azure { get; } = inputs.Azure;

    public DateTimeOffset ReferenceTime { get; } = referenceTime;

    /// <summary>The tenant id, the <c>account</c> of every Entra ID and Azure finding; null when the export has no <c>organization</c>.</summary>
    public string? TenantId => Directory.TenantId;

    /// <summary>The authorizers and lookups the edge checkers share.</summary>
    public MicrosoftEdgeContext Edges
    {
        get
        {
            lock (_edgesGate)
            {
                return field ??= new MicrosoftEdgeContext(Directory, Azure, ReferenceTime);
            }
        }
    }

    /// <summary>
    /// The escalation graph (users, groups and service principals, and the tenant's Microsoft 365 data; edges on paths
    /// to an administrator or to that data).
    /// </summary>
    public EntitlementGraph Graph
    {
        get
        {
            lock (_graphGate)
            {
                return field ??= MicrosoftGraphBuilder.Build(Edges);
            }
        }
    }

    /// <summary>The shortest path of every principal that can become an administrator, searched once for every rule that asks.</summary>
    public IReadOnlyDictionary<PrincipalId, ImmutableArray<Edge>> AdminPaths
    {
        get
        {
            lock (_adminPathsGate)
            {
                return field ??= Graph.ShortestPathsTo(node => node.IsAdmin);
            }
        }
    }

    /// <summary>The enabled users that hold privilege (see <see cref="Rules.Privileged.PrivilegedUsers"/>), worked out once for every rule that asks.</summary>
    internal ImmutableArray<Rules.Privileged.PrivilegedUser> PrivilegedUsers
    {
        get
        {
            lock (_privilegedGate)
            {
                return field.IsDefault ? field = [.. Rules.Privileged.PrivilegedUsers.Of(this)] : field;
            }
        }
    }

    /// <summary>
    /// What several rules read and is long to build, for the scanner to start before the rules (see
    /// <see cref="Scanner"/>).
    /// </summary>
    internal IEnumerable<(string Work, Action Build)> SharedWork => [("Microsoft graph", () => _ = Graph), ("Microsoft privileged users", () => _ = PrivilegedUsers)];

    /// <summary>The name people know an object by: a user's principal name, else its display name; null when the export does not name it.</summary>
    public string? NameOf(string objectId) =>
        Directory.FindUser(objectId) is { } user ? user.UserPrincipalName ?? user.DisplayName
        : Directory.FindGroup(objectId)?.DisplayName
          ?? Directory.FindServicePrincipal(objectId)?.DisplayName
          ?? Directory.FindApplication(objectId)?.DisplayName
          ?? Directory.FindAdministrativeUnit(objectId)?.DisplayName
          ?? AzureRoleAssignmentsOf(objectId).FirstOrDefault(a => !string.IsNullOrEmpty(a.PrincipalName))?.PrincipalName
          ?? AzureEligibleAssignmentsOf(objectId).FirstOrDefault(e => !string.IsNullOrEmpty(e.PrincipalName))?.PrincipalName;

    /// <summary>
    /// The display name of a directory object (a user, group, service principal, managed identity, application or
    /// administrative unit); null when the directory export does not hold the object or it has none.
    /// </summary>
    public string? DisplayNameOf(string objectId) =>
        Directory.FindUser(objectId)?.DisplayName
        ?? Directory.FindGroup(objectId)?.DisplayName
        ?? Directory.FindServicePrincipal(objectId)?.DisplayName
        ?? Directory.FindApplication(objectId)?.DisplayName
        ?? Directory.FindAdministrativeUnit(objectId)?.DisplayName;

    /// <summary>
    /// The finding with its principal named as the exports name it, for every Entra ID and Azure rule alike: the name a
    /// rule gave is kept, else <see cref="NameOf"/>; the display name is added where it says more than that name (a
    /// user is named by its user principal name). A principal that is no directory object (a scope, a role
    /// definition, the tenant) or that the exports do not hold (a deleted one) keeps what the rule gave.
    /// </summary>
    internal Finding WithPrincipalNames(Finding finding)
    {
        var name = finding.PrincipalName ?? NameOf(finding.Principal);
        var displayName = finding.PrincipalDisplayName ?? DisplayNameOf(finding.Principal);
        if (displayName == name)
        {
            displayName = null;
        }

        return name == finding.PrincipalName && displayName == finding.PrincipalDisplayName
            ? finding
            : finding with { PrincipalName = name, PrincipalDisplayName = displayName };
    }

    /// <summary>What each group holds, worded for its members' explanations (<c>MicrosoftGrants.Roles</c>), filled as rules ask.</summary>
    internal ConcurrentDictionary<string, (ImmutableArray<string> Directory, ImmutableArray<string> Azure)> GroupRoleTexts { get; } = new(StringComparer.OrdinalIgnoreCase);

    // Rules ask what one principal holds, for thousands of principals: each collection is grouped by principal once, up front.

    /// <summary>The app roles granted to a principal (a service principal, user or group), in export order.</summary>
    public IEnumerable<AppRoleAssignment> AppRoleAssignmentsOf(string principalId) => AppRoleAssignmentsByPrincipal[principalId];

    /// <summary>
    /// The directory role assignments made to the principal itself (not through its groups), active then eligible:
    /// role assignments, activated PIM instances, eligibility schedules and their instances.
    /// </summary>
    public IEnumerable<DirectoryRoleAssignment> DirectoryRoleAssignmentsOf(string principalId) => DirectoryRoleAssignmentsByPrincipal[principalId];

    /// <summary>The Azure role assignments made to the principal itself.</summary>
    public IEnumerable<RoleAssignment> AzureRoleAssignmentsOf(string principalId) => AzureRoleAssignmentsByPrincipal[principalId];

    /// <summary>The Azure PIM eligibilities of the principal itself.</summary>
    public IEnumerable<EligibleRoleAssignment> AzureEligibleAssignmentsOf(string principalId) => AzureEligibleByPrincipal[principalId];

    private ILookup<string, AppRoleAssignment> AppRoleAssignmentsByPrincipal { get; } =
        inputs.Directory.AppRoleAssignments.ToLookup(a => a.PrincipalId, StringComparer.OrdinalIgnoreCase);

    private ILookup<string, DirectoryRoleAssignment> DirectoryRoleAssignmentsByPrincipal { get; } =
        inputs.Directory.RoleAssignments.Concat(inputs.Directory.RoleAssignmentScheduleInstances)
            .Concat(inputs.Directory.RoleEligibilitySchedules).Concat(inputs.Directory.RoleEligibilityScheduleInstances)
            .ToLookup(a => a.PrincipalId, StringComparer.OrdinalIgnoreCase);

    private ILookup<string, RoleAssignment> AzureRoleAssignmentsByPrincipal { get; } =
        inputs.Azure.RoleAssignments.ToLookup(a => a.PrincipalId, StringComparer.OrdinalIgnoreCase);

    private ILookup<string, EligibleRoleAssignment> AzureEligibleByPrincipal { get; } =
        inputs.Azure.EligibleAssignments.ToLookup(a => a.PrincipalId, StringComparer.OrdinalIgnoreCase);
}
