using Ward.Core.Graph;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis;

/// <summary>
/// What the Entra ID and Azure rules read: the directory, the Azure estate, the scan's reference time, and (built on
/// first use, once for every rule) the edge checkers' shared context and the escalation graph.
/// </summary>
public sealed class MicrosoftAnalysisContext(MicrosoftInputs inputs, DateTimeOffset referenceTime)
{
    public EntraDirectory Directory { get; } = inputs.Directory;

    public AzureEstate Azure { get; } = inputs.Azure;

    public DateTimeOffset ReferenceTime { get; } = referenceTime;

    /// <summary>The tenant id, the <c>account</c> of every Entra ID and Azure finding; null when the export has no <c>organization</c>.</summary>
    public string? TenantId => Directory.TenantId;

    /// <summary>The authorizers and lookups the edge checkers share.</summary>
    public MicrosoftEdgeContext Edges => field ??= new MicrosoftEdgeContext(Directory, Azure, ReferenceTime);

    /// <summary>The escalation graph (users, groups and service principals; edges on paths to an administrator).</summary>
    public EntitlementGraph Graph => field ??= MicrosoftGraphBuilder.Build(Edges);

    /// <summary>The name people know an object by: a user's principal name, else its display name; null when the export does not name it.</summary>
    public string? NameOf(string objectId) =>
        Directory.FindUser(objectId) is { } user ? user.UserPrincipalName ?? user.DisplayName
        : Directory.FindGroup(objectId)?.DisplayName
          ?? Directory.FindServicePrincipal(objectId)?.DisplayName
          ?? Directory.FindApplication(objectId)?.DisplayName
          ?? Directory.FindAdministrativeUnit(objectId)?.DisplayName
          ?? Azure.RoleAssignments.FirstOrDefault(a => string.Equals(a.PrincipalId, objectId, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(a.PrincipalName))?.PrincipalName;
}
