using Ward.Core.Graph;

namespace Ward.Microsoft.Edges;

/// <summary>
/// The techniques where one Microsoft Graph application permission lets its holder sign in as any user, administrators
/// included, through an authentication method the export cannot show enabled: every holder gets a conditional edge to
/// every user.
/// </summary>
public abstract class AnyUserSignInEdgeChecker : IMicrosoftEdgeChecker
{
    public abstract string TechniqueId { get; }

    public bool GrantsAdmin => false;

    /// <summary>The Graph application permission.</summary>
    protected abstract string Permission { get; }

    /// <summary>What every edge requires: the method enabled, as the export does not say.</summary>
    protected abstract string Requirement { get; }

    /// <summary>What the holder does, for the edge's description, given how the user is named.</summary>
    protected abstract string Does(string user);

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        var holders = context.GraphPermissions.Where(p => p.Value.Contains(Permission)).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        if (holders.Count == 0)
        {
            yield break;
        }

        foreach (var user in context.Directory.Users.Where(u => targets is null || targets.Contains(u.Id)))
        {
            var description = Does(user.UserPrincipalName ?? user.Id);
            foreach (var holder in holders)
            {
                yield return new Edge(new(holder), new(user.Id), TechniqueId, description, [new EdgePermission(Permission, user.Id, "Microsoft Graph application permission", [])])
                {
                    Requirements = [Requirement],
                };
            }
        }
    }
}
