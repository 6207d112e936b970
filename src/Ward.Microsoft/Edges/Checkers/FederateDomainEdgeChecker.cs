using Ward.Core.Graph;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-federate-domain</c>: a principal that may change a verified domain's federation (Microsoft Graph's
/// <c>Domain.ReadWrite.All</c>; a directory role with <c>domains/federation/update</c> or
/// <c>domains/allProperties/allTasks</c> at tenant scope, such as Domain Name or Hybrid Identity Administrator, as the
/// exported definitions say) federates a custom domain with an identity provider it runs, then signs in as any user of
/// that domain by issuing the token itself. Never the initial <c>onmicrosoft.com</c> domain. Every edge is
/// conditional: Entra ID must accept the forged sign-in for that user (a synchronized user's immutable ID is in the
/// directory; a cloud-only user needs one set first), which the export cannot tell.
/// </summary>
public sealed class FederateDomainEdgeChecker : IMicrosoftEdgeChecker
{
    private const string Permission = "Domain.ReadWrite.All";
    private static readonly string[] RoleActions = ["microsoft.directory/domains/federation/update", "microsoft.directory/domains/allProperties/allTasks"];

    public string TechniqueId => "entra-federate-domain";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var federatable = context.Directory.VerifiedDomains.Where(d => !d.IsInitial).Select(d => d.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (federatable.Count == 0)
        {
            yield break;
        }

        var federators = new List<(string Principal, string Action, string GrantedBy, DirectoryRoleActivation? Activation)>();
        foreach (var holder in RoleActions.SelectMany(context.RoleHoldersFor).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
        {
            if (DirectoryRoleStep.FirstAllowed(context, holder, RoleActions, "/") is { } allowed)
            {
                federators.Add((holder, allowed.Action, allowed.Step.Decision.Explanation.Summary, allowed.Step.Activation));
            }
        }

        federators.AddRange(context.GraphPermissions.Where(p => p.Value.Contains(Permission)).Select(p => (p.Key, Permission, "Microsoft Graph application permission", (DirectoryRoleActivation?)null)).OrderBy(f => f.Key, StringComparer.Ordinal));
        if (federators.Count == 0)
        {
            yield break;
        }

        foreach (var user in context.Directory.Users.Where(u => (targets is null || targets.Contains(u.Id)) && DomainOf(u) is { } domain && federatable.Contains(domain)))
        {
            var domain = DomainOf(user)!;
            var requirement = user.OnPremisesSyncEnabled == true
                ? $"Entra ID accepts a sign-in for `{user.UserPrincipalName}` issued by the new federation (the user is synchronized, so its immutable ID is known)"
                : $"Entra ID accepts a sign-in for `{user.UserPrincipalName}` issued by the new federation (a cloud-only user needs an immutable ID set first)";
            foreach (var (principal, action, grantedBy, activation) in federators.Where(f => !string.Equals(f.Principal, user.Id, StringComparison.OrdinalIgnoreCase)))
            {
                var edge = new Edge(new(principal), new(user.Id), TechniqueId, $"federates the domain `{domain}` with an identity provider it controls and signs in as `{user.UserPrincipalName}`",
                    [new EdgePermission(action, domain, grantedBy, [])])
                {
                    Requirements = [requirement],
                };
                yield return activation is null ? edge : activation.Qualify(edge);
            }
        }
    }

    private static string? DomainOf(EntraUser user) =>
        user.UserPrincipalName is { } upn && upn.LastIndexOf('@') is var at and > 0 ? upn[(at + 1)..] : null;
}
