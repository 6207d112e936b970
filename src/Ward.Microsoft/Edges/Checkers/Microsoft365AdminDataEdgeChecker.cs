using System.Collections.Frozen;
using Ward.Core.Graph;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-m365-admin-data</c>: a Microsoft 365 administrator role held over the whole tenant reaches that service's
/// data (<see cref="Microsoft365Data"/>): Exchange and Exchange Recipient Administrators grant themselves full access
/// to any mailbox; SharePoint Administrators make themselves administrator of any site or OneDrive; Teams
/// Administrators make themselves owner of any Team; Compliance Administrators run content searches across all of
/// them; Power Platform and Dynamics 365 Administrators make themselves System Administrator of any environment.
/// </summary>
/// <remarks>
/// Active holders (directly, or as members of a role-assignable group holding the role, the group included) reach the
/// data for certain; PIM-eligible holders, whose eligibility is in force, on the condition that they may activate the
/// role, as for <c>entra-pim-activate</c>. A role scoped to an administrative unit or one object reaches none of the
/// tenant's data: these services do not scope their data by the directory's units.
/// </remarks>
public sealed class Microsoft365AdminDataEdgeChecker : IMicrosoftEdgeChecker
{
    private const string ActivationRequirement = "the role's PIM settings let the principal activate it (approval and MFA settings are not exported)";

    // By template id, the same in every tenant; what each does comes from "Microsoft Entra built-in roles" and the
    // service's own permission documentation.
    private static readonly FrozenDictionary<string, RoleReach> Roles = new Dictionary<string, RoleReach>(StringComparer.OrdinalIgnoreCase)
    {
        ["29232cdf-9323-42fd-ade2-1d097af3e4de"] = new(Microsoft365Data.Mailboxes, "manages Exchange Online and grants itself full access to any mailbox", null),
        ["31392ffb-586c-42d1-9346-e59415a2cc4e"] = new(Microsoft365Data.Mailboxes, "grants itself full access to any mailbox (mailbox permissions are recipient settings it manages)", null),
        ["f28a1f50-f6e7-4571-818b-6a12f2af6b6c"] = new(Microsoft365Data.Sites, "makes itself administrator of any SharePoint site or OneDrive", null),
        ["69091246-20e8-4a56-aa4d-066075b2a7a8"] = new(Microsoft365Data.TeamsChannels, "makes itself owner of any Team and reads its channels and files", null),
        ["17315797-102d-40b4-93e0-432062caca18"] = new(Microsoft365Data.ContentSearch, "runs Microsoft Purview content searches across every mailbox, site and Team",
            "the principal may also preview or export search results (the Preview and Export roles of Microsoft Purview's eDiscovery Manager role group, which Compliance Administrator lacks; Purview role groups are not exported)"),
        ["11648597-926c-4cf3-9c36-bcebb0ba8dcc"] = new(Microsoft365Data.PowerPlatform, "makes itself System Administrator of any Power Platform environment", null),
        ["44367163-eba1-44c3-98af-f5787879f96a"] = new(Microsoft365Data.PowerPlatform, "makes itself System Administrator of any Dynamics 365 environment",
            "the environment has no security group, or the principal is a member of it (Dynamics 365 Administrators reach only such environments; Power Platform environments are not exported)"),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public string TechniqueId => "entra-m365-admin-data";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets) =>
        // Certain edges first: the graph keeps one edge per holder and data, the first (an active role before an eligible one).
        Edges(context, targets).OrderBy(e => e.Requirements.Length);

    private IEnumerable<Edge> Edges(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        var directory = context.Directory;
        var tenant = directory.TenantId;
        if (targets is not null && !Microsoft365Data.All.Any(d => targets.Contains(Microsoft365Data.IdOf(tenant, d))))
        {
            yield break;
        }

        var held = directory.RoleAssignments.Concat(directory.RoleEligibilities.Where(e => e.IsInForceAt(context.AsOf)));
        foreach (var assignment in held.Where(a => a.DirectoryScope.Kind == DirectoryScopeKind.Tenant))
        {
            var definition = directory.FindRoleDefinition(assignment.RoleDefinitionId);
            if (!Roles.TryGetValue(definition?.TemplateId ?? assignment.RoleDefinitionId, out var reach))
            {
                continue;
            }

            var data = Microsoft365Data.IdOf(tenant, reach.Data);
            if (targets is not null && !targets.Contains(data))
            {
                continue;
            }

            var role = definition?.DisplayName ?? assignment.RoleDefinitionId;
            var isEligible = assignment.State == AssignmentState.Eligible;
            var policy = isEligible ? directory.DirectoryRoleActivationPolicy(assignment.RoleDefinitionId) : null;
            var grantedBy = $"{role} at `/`{(isEligible ? " (PIM-eligible)" : string.Empty)}";
            var group = directory.FindGroup(assignment.PrincipalId);
            IEnumerable<(string Holder, string Through)> holders = group is null
                ? [(assignment.PrincipalId, string.Empty)]
                : context.Membership.MembersOf(group.Id).Order(StringComparer.Ordinal).Select(m => (m, $" through group `{group.DisplayName ?? group.Id}`")).Prepend((group.Id, string.Empty));
            foreach (var (holder, through) in holders)
            {
                var activation = isEligible ? ActivationVerdict.Decide(policy, holder, "the role's", ActivationRequirement, directory) : new ActivationVerdict([], string.Empty);
                yield return new Edge(new(holder), new(data), TechniqueId,
                    $"{(isEligible ? "activates its eligible" : "holds")} {role}{through}{activation.Supplies}, {reach.Does}: {reach.Data.Label}",
                    [new EdgePermission(role, data, grantedBy + through, [])])
                {
                    Requirements = [.. activation.Requirements, .. new[] { reach.Requirement }.OfType<string>()],
                };
            }
        }
    }

    /// <summary>The data a role reaches, what its holder does to reach it, and what that needs which no export tells (null: nothing).</summary>
    private sealed record RoleReach(Microsoft365DataSet Data, string Does, string? Requirement);
}
