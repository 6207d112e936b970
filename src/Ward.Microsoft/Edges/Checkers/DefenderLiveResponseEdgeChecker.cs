using System.Collections.Frozen;
using Ward.Core.Graph;
using Ward.Microsoft.Entra.Catalog;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-defender-live-response</c>: a user holding Security Administrator or Global Administrator (assigned tenant-wide,
/// directly or through a role-assignable group; or PIM-eligible, activating the role first) runs a PowerShell script
/// as SYSTEM through Microsoft Defender for Endpoint's live response on the Windows devices a user signs in on, and
/// takes the user's session tokens. Defender gives these roles full access under its basic permissions, the Defender
/// for Endpoint administrator role when its own role-based access control is turned on, and the right to manage roles
/// under the Defender XDR unified model; they may also turn on live response and unsigned script execution
/// themselves (advanced features). None of that is exported, nor which devices are onboarded to Defender, so every
/// edge is conditional on the device being onboarded and the user signing in on it. The devices are the user's
/// enabled Windows 10/11 devices, whatever manages them (Defender does not go through Intune), decided from the
/// device inventory as <see cref="IntuneDeviceScriptEdgeChecker"/> decides it; without one, every user.
/// </summary>
public sealed class DefenderLiveResponseEdgeChecker : IMicrosoftEdgeChecker
{
    // The Defender for Endpoint permission that runs a library script on a device (unified RBAC: Security operations, Response).
    private const string Action = "Live response capabilities: Advanced (Microsoft Defender for Endpoint)";

    private static readonly FrozenSet<string> ResponderRoles = new[] { DirectoryRoleTiers.GlobalAdministrator, SecurityAdministrator }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Security Administrator's template id, the same in every tenant.</summary>
    private const string SecurityAdministrator = "194ae4cb-b126-40b2-bd5b-6091b380977d";

    public string TechniqueId => "entra-defender-live-response";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        var responders = Responders(context).Where(r => context.StartsPaths(r.Principal)).ToList();
        if (responders.Count == 0)
        {
            yield break;
        }

        var devices = IntuneScriptDevices.AnyManagement(context.Directory);
        foreach (var user in context.Directory.Users.Where(u => targets is null || targets.Contains(u.Id)))
        {
            var name = user.UserPrincipalName ?? user.Id;
            if (Requirement(devices, user.Id, name) is not { } requirement)
            {
                continue;
            }

            foreach (var (principal, role, activation) in responders.Where(r => !string.Equals(r.Principal, user.Id, StringComparison.OrdinalIgnoreCase)))
            {
                var edge = new Edge(new(principal), new(user.Id), TechniqueId,
                    $"runs a live response script as {role} on the Windows devices `{name}` signs in on (turning on live response and unsigned scripts in Defender's advanced features if need be), as SYSTEM, and takes their session tokens",
                    [new EdgePermission(Action, user.Id, $"{role} (Entra ID), which Microsoft Defender for Endpoint gives full access", [])])
                {
                    Requirements = [requirement],
                };
                yield return activation is null ? edge : activation.Qualify(edge);
            }
        }
    }

    /// <summary>
    /// Who holds Security or Global Administrator over the whole tenant: actively (itself or through a role-assignable
    /// group), else through its first PIM eligibility in force, activated first.
    /// </summary>
    private static List<(string Principal, string Role, DirectoryRoleActivation? Activation)> Responders(MicrosoftEdgeContext context)
    {
        var directory = context.Directory;
        bool Counts(DirectoryRoleAssignment a) => a.DirectoryScope.Kind == DirectoryScopeKind.Tenant && ResponderRoles.Contains(directory.TemplateIdOf(a.RoleDefinitionId));
        string RoleName(DirectoryRoleAssignment a) => directory.FindRoleDefinition(a.RoleDefinitionId)?.DisplayName
            ?? (directory.IsGlobalAdministrator(a.RoleDefinitionId) ? "Global Administrator" : "Security Administrator");
        // Defender's portal access follows a signed-in user's roles; applications use Defender's own API permissions.
        IEnumerable<string> Holders(DirectoryRoleAssignment a) =>
            context.HoldersOf(a).Where(p => directory.KindOf(p) == DirectoryObjectKind.User);

        var responders = new Dictionary<string, (string Role, DirectoryRoleActivation? Activation)>(StringComparer.OrdinalIgnoreCase);
        foreach (var assignment in directory.RoleAssignments.Where(Counts))
        {
            foreach (var holder in Holders(assignment))
            {
                responders.TryAdd(holder, (RoleName(assignment), null));
            }
        }

        foreach (var holder in directory.RoleEligibilities.Where(e => e.IsInForceAt(context.AsOf) && Counts(e)).SelectMany(Holders).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!responders.ContainsKey(holder) && context.Roles.EligibilitiesOf(holder).FirstOrDefault(e => Counts(e.Eligibility)) is { Eligibility: not null } eligible)
            {
                responders[holder] = (RoleName(eligible.Eligibility), context.DirectoryActivationOf(holder, eligible.Eligibility, eligible.ViaGroup));
            }
        }

        return [.. responders.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value.Role, r.Value.Activation))];
    }

    /// <summary>What the edge to a user is conditional on; null when the exported devices rule it out.</summary>
    private static string? Requirement(IntuneScriptDevices? devices, string userId, string name)
    {
        const string Onboarded = "onboarded to Microsoft Defender for Endpoint Plan 2 (not in the export), where a live response script runs as SYSTEM and can take the user's session tokens";
        if (devices is null)
        {
            return $"`{name}` signs in on a Windows device (device inventory not exported) {Onboarded}";
        }

        var (windows, _) = devices.DevicesOf(userId);
        if (windows.Count > 0)
        {
            return $"`{name}` signs in on a Windows device they are a registered owner or user of, {IntuneScriptDevices.Names(windows)}, {Onboarded}";
        }

        var unlisted = devices.Unlisted;
        return unlisted.Count > 0
            ? $"`{name}` signs in on a Windows device whose registered owners and users were not exported, {IntuneScriptDevices.Names(unlisted)}, {Onboarded}"
            : null;
    }
}
