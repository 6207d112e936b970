using Ward.Core.Graph;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-intune-device-script</c>: a principal that may deploy scripts to Intune-managed devices (a directory role
/// allowing <c>microsoft.intune/allEntities/allTasks</c> at tenant scope, such as Intune Administrator; or a service
/// principal holding Microsoft Graph's <c>DeviceManagementConfiguration.ReadWrite.All</c>, which creates and assigns
/// platform scripts, or <c>DeviceManagementScripts.ReadWrite.All</c>, which creates and assigns platform scripts and
/// remediations) runs a PowerShell script as SYSTEM on the Windows devices a user signs in on and takes the user's
/// session tokens. The exports hold no device inventory, so every edge is conditional on the user signing in on such a
/// device. A role scoped to an administrative unit does not count: Intune's own scoping is not the directory's.
/// </summary>
public sealed class IntuneDeviceScriptEdgeChecker : IMicrosoftEdgeChecker
{
    private const string RoleAction = "microsoft.intune/allEntities/allTasks";
    private static readonly string[] Permissions = ["DeviceManagementConfiguration.ReadWrite.All", "DeviceManagementScripts.ReadWrite.All"];

    public string TechniqueId => "entra-intune-device-script";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var deployers = new List<(string Principal, string Action, string GrantedBy, string How)>();
        foreach (var holder in context.RoleHoldersFor(RoleAction))
        {
            var decision = context.Roles.Authorize(holder, RoleAction, "/");
            if (decision.IsAllowed)
            {
                deployers.Add((holder, RoleAction, decision.Explanation.Summary, "as an Intune administrator"));
            }
        }

        foreach (var (principal, held) in context.GraphPermissions.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (Array.Find(Permissions, held.Contains) is { } permission)
            {
                deployers.Add((principal, permission, "Microsoft Graph application permission", $"with Microsoft Graph {permission}"));
            }
        }

        if (deployers.Count == 0)
        {
            yield break;
        }

        foreach (var user in context.Directory.Users.Where(u => targets is null || targets.Contains(u.Id)))
        {
            var name = user.UserPrincipalName ?? user.Id;
            foreach (var (principal, action, grantedBy, how) in deployers.Where(d => !string.Equals(d.Principal, user.Id, StringComparison.OrdinalIgnoreCase)))
            {
                yield return new Edge(new(principal), new(user.Id), TechniqueId, $"deploys a script {how} to the Intune-managed Windows devices `{name}` signs in on, runs it as SYSTEM and takes their session tokens",
                    [new EdgePermission(action, user.Id, grantedBy, [])])
                {
                    Requirements = [$"`{name}` signs in on a Windows device enrolled in Intune (device inventory not exported), where a script runs as SYSTEM and can take the user's session tokens"],
                };
            }
        }
    }
}
