using Ward.Core.Graph;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-intune-device-script</c>: a principal that may deploy scripts to Intune-managed devices (a directory role
/// allowing <c>microsoft.intune/allEntities/allTasks</c> at tenant scope, such as Intune Administrator; or a service
/// principal holding Microsoft Graph's <c>DeviceManagementConfiguration.ReadWrite.All</c>, which creates and assigns
/// platform scripts, or <c>DeviceManagementScripts.ReadWrite.All</c>, which creates and assigns platform scripts and
/// remediations) runs a PowerShell script as SYSTEM on the Windows devices a user signs in on and takes the user's
/// session tokens. Every edge is conditional on the user signing in on such a device. Without a device inventory every
/// user is reached; with one, only a user who is a registered owner or user (or Intune's primary user) of an enabled
/// Windows 10/11 device Intune manages, or may manage as far as the export tells, or while devices whose owners were not
/// exported may be theirs (<see cref="IntuneScriptDevices"/>). A role scoped to an administrative unit does not count:
/// Intune's own scoping is not the directory's.
/// </summary>
public sealed class IntuneDeviceScriptEdgeChecker : IMicrosoftEdgeChecker
{
    private const string RoleAction = "microsoft.intune/allEntities/allTasks";
    private static readonly string[] Permissions = ["DeviceManagementConfiguration.ReadWrite.All", "DeviceManagementScripts.ReadWrite.All"];

    public string TechniqueId => "entra-intune-device-script";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var deployers = new List<(string Principal, string Action, string GrantedBy, string How, DirectoryRoleActivation? Activation)>();
        foreach (var holder in context.RoleHoldersFor(RoleAction))
        {
            if (DirectoryRoleStep.FirstAllowed(context, holder, [RoleAction], "/") is { } allowed)
            {
                deployers.Add((holder, RoleAction, allowed.Step.Decision.Explanation.Summary, "as an Intune administrator", allowed.Step.Activation));
            }
        }

        foreach (var (principal, held) in context.GraphPermissions.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (Array.Find(Permissions, held.Contains) is { } permission)
            {
                deployers.Add((principal, permission, "Microsoft Graph application permission", $"with Microsoft Graph {permission}", null));
            }
        }

        deployers.RemoveAll(d => !context.StartsPaths(d.Principal));
        if (deployers.Count == 0)
        {
            yield break;
        }

        var devices = IntuneScriptDevices.Of(context.Directory);
        foreach (var user in context.Directory.Users.Where(u => targets is null || targets.Contains(u.Id)))
        {
            var name = user.UserPrincipalName ?? user.Id;
            if (Requirement(devices, user.Id, name) is not { } requirement)
            {
                continue;
            }

            foreach (var (principal, action, grantedBy, how, activation) in deployers.Where(d => !string.Equals(d.Principal, user.Id, StringComparison.OrdinalIgnoreCase)))
            {
                var edge = new Edge(new(principal), new(user.Id), TechniqueId, $"deploys a script {how} to the Intune-managed Windows devices `{name}` signs in on, runs it as SYSTEM and takes their session tokens",
                    [new EdgePermission(action, user.Id, grantedBy, [])])
                {
                    Requirements = [requirement],
                };
                yield return activation is null ? edge : activation.Qualify(edge);
            }
        }
    }

    /// <summary>What the edge to a user is conditional on; null when the exported devices rule it out.</summary>
    private static string? Requirement(IntuneScriptDevices? devices, string userId, string name)
    {
        const string Consequence = "where a script runs as SYSTEM and can take the user's session tokens";
        if (devices is null)
        {
            return $"`{name}` signs in on a Windows device enrolled in Intune (device inventory not exported), {Consequence}";
        }

        var (managed, unknown) = devices.DevicesOf(userId);
        if (managed.Count > 0)
        {
            return $"`{name}` signs in on a Windows device Intune manages that they are a registered owner or user of: {IntuneScriptDevices.Names(managed)}, {Consequence}";
        }

        if (unknown.Count > 0)
        {
            return $"`{name}` signs in on a Windows device they are a registered owner or user of, {IntuneScriptDevices.Names(unknown)}, and Intune manages it (whether it does was not exported: no `isManaged` and no Intune managed device list), {Consequence}";
        }

        var unlisted = devices.Unlisted;
        return unlisted.Count > 0
            ? $"`{name}` signs in on a Windows device Intune manages or may manage whose registered owners and users were not exported, {IntuneScriptDevices.Names(unlisted)}, {Consequence}"
            : null;
    }
}
