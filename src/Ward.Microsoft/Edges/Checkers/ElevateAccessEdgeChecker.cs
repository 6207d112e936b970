using Ward.Core.Graph;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-elevate-access</c>: a Global Administrator calls <c>Microsoft.Authorization/elevateAccess/action</c> and
/// becomes User Access Administrator at the root scope (<c>/</c>) of every subscription and management group of the
/// tenant. A self-escalation from the directory into Azure (members of role-assignable groups holding the role
/// included). Only active, tenant-wide assignments count; PIM eligibility is the activation technique's.
/// </summary>
public sealed class ElevateAccessEdgeChecker : IMicrosoftEdgeChecker
{
    private const string ElevateAccess = "Microsoft.Authorization/elevateAccess/action";

    public string TechniqueId => "azure-elevate-access";

    public bool GrantsAdmin => true;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var directory = context.Directory;
        var holders = directory.RoleAssignments
            .Where(a => a.DirectoryScope.Kind == DirectoryScopeKind.Tenant
                && directory.IsGlobalAdministrator(a.RoleDefinitionId))
            .SelectMany(context.HoldersOf)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal);
        foreach (var holder in holders)
        {
            yield return new Edge(new(holder), new(holder), TechniqueId, "elevates its access to User Access Administrator at the root scope `/` of Azure as Global Administrator",
                [new EdgePermission(ElevateAccess, "/", "Global Administrator (Entra ID)", [])]) { GrantsAdmin = true };
        }
    }
}
