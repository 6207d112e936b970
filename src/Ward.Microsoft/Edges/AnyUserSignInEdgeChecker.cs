using Ward.Core.Graph;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges;

/// <summary>
/// The techniques where a Microsoft Graph application permission lets its holder sign in as any user, administrators
/// included, through an authentication method the export cannot show enabled: every holder gets a conditional edge to
/// every user, naming the first of the technique's permissions it holds.
/// </summary>
public abstract class AnyUserSignInEdgeChecker : IMicrosoftEdgeChecker
{
    public abstract string TechniqueId { get; }

    public bool GrantsAdmin => false;

    /// <summary>The Graph application permissions that give the technique, in the order an edge names them.</summary>
    protected abstract IReadOnlyList<string> Permissions { get; }

    /// <summary>What every edge requires: the method enabled, as the export does not say.</summary>
    protected abstract string Requirement { get; }

    /// <summary>What the holder does with the permission, for the edge's description, given how the user is named.</summary>
    protected abstract string Does(string user, string permission);

    /// <summary>A further requirement the technique has on this user, or null.</summary>
    protected virtual string? RequirementFor(MicrosoftEdgeContext context, EntraUser user) => null;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        var holders = context.GraphPermissions
            .SelectMany(p => Permissions.Where(p.Value.Contains).Take(1).Select(permission => (Holder: p.Key, Permission: permission)))
            .OrderBy(p => p.Holder, StringComparer.Ordinal)
            .ToList();
        if (holders.Count == 0)
        {
            yield break;
        }

        foreach (var user in context.Directory.Users.Where(u => targets is null || targets.Contains(u.Id)))
        {
            var name = user.UserPrincipalName ?? user.Id;
            var further = RequirementFor(context, user);
            foreach (var (holder, permission) in holders)
            {
                yield return new Edge(new(holder), new(user.Id), TechniqueId, Does(name, permission), [new EdgePermission(permission, user.Id, "Microsoft Graph application permission", [])])
                {
                    Requirements = further is null ? [Requirement] : [Requirement, further],
                };
            }
        }
    }
}
