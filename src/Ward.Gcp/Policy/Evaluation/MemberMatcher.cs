using Ward.Gcp.Iam;

namespace Ward.Gcp.Policy.Evaluation;

/// <summary>
/// Whether a binding's member includes a principal, as Google defines the identifiers (docs/gcp/evaluation.md). The
/// principal may itself be a set (<c>group:</c>, <c>domain:</c>, <c>allUsers</c>, a <c>principalSet://</c>): a member
/// then includes it when it names it, or names a set that contains every principal of it.
/// </summary>
internal static class MemberMatcher
{
    private const string ServiceAccountSet = "principalSet://cloudresourcemanager.googleapis.com/";
    private const string ServiceAccountType = "/type/ServiceAccount";
    private static readonly string[] PoolKinds = ["/workforcePools/", "/workloadIdentityPools/"];

    /// <param name="bound">The member as the binding names it.</param>
    /// <param name="principal">The principal asked about.</param>
    /// <param name="basicRoleHolder">Whether the principal (second) holds the basic role a <c>projectOwner:</c>-like member (first) stands for.</param>
    /// <param name="groups">The exported group memberships, which decide a <c>group:</c> member whose group they list.</param>
    /// <param name="estate">The export, whose hierarchy gives the project number of a GKE pool's project (<see cref="KubernetesMembers"/>) and the projects under a container whose service accounts a <c>principalSet://cloudresourcemanager.googleapis.com/…/type/ServiceAccount</c> names.</param>
    public static MemberMatch Match(Member bound, Member principal, Func<Member, Member, MemberMatch> basicRoleHolder, GroupMembers groups, GcpEstate estate)
    {
        if (bound.IsDeleted || principal.IsDeleted || bound.Kind == MemberKind.Unknown)
        {
            return MemberMatch.No;
        }

        if (bound.Equals(principal))
        {
            return MemberMatch.Named;
        }

        // A Kubernetes service account goes by two names, and is in its namespace's set of the GKE pool.
        if (KubernetesMembers.Match(bound, principal, estate) is { } kubernetes)
        {
            return kubernetes;
        }

        return bound.Kind switch
        {
            MemberKind.AllUsers => MemberMatch.Through("`allUsers` is anyone, signed in or not"),
            MemberKind.AllAuthenticatedUsers => IsGoogleAuthenticated(principal)
                ? MemberMatch.Through("`allAuthenticatedUsers` is every Google account and service account")
                : MemberMatch.No,
            MemberKind.Domain when principal.Kind is MemberKind.User or MemberKind.ServiceAccount && DomainOf(principal.Id).Equals(bound.Id, StringComparison.OrdinalIgnoreCase) =>
                MemberMatch.Through(principal, bound.Id, null, static (principal, domain, _) => $"`{principal.Text}` is an account of domain `{domain}`"),
            MemberKind.Group when principal.Kind is MemberKind.User or MemberKind.ServiceAccount or MemberKind.Group =>
                groups.Match(bound.Id, principal)
                    ?? MemberMatch.If(principal, bound.Id, null, static (principal, group, _) => $"`{principal.Text}` is a member of group `{group}` (directly or through nested groups; group memberships are not read)"),
            MemberKind.PrincipalSet => InPrincipalSet(bound, principal, estate),
            MemberKind.ProjectOwner or MemberKind.ProjectEditor or MemberKind.ProjectViewer => basicRoleHolder(bound, principal),
            _ => MemberMatch.No,
        };
    }

    /// <summary>Google accounts and service accounts; not anonymous callers, nor identities federated through a pool.</summary>
    private static bool IsGoogleAuthenticated(Member principal) =>
        principal.Kind is MemberKind.User or MemberKind.ServiceAccount or MemberKind.Group or MemberKind.Domain
            or MemberKind.ProjectOwner or MemberKind.ProjectEditor or MemberKind.ProjectViewer;

    private static ReadOnlySpan<char> DomainOf(string email)
    {
        var at = email.LastIndexOf('@');
        return at < 0 ? [] : email.AsSpan(at + 1);
    }

    private static MemberMatch InPrincipalSet(Member bound, Member principal, GcpEstate estate)
    {
        // `principalSet://cloudresourcemanager.googleapis.com/projects/NUMBER/type/ServiceAccount` (folders/,
        // organizations/): every service account of the projects under that container, decided from the hierarchy
        // as for the container's principal access boundary set, so that allow, deny and boundary agree.
        if (bound.Id.StartsWith(ServiceAccountSet, StringComparison.Ordinal))
        {
            return ServiceAccountContainer(bound.Id) is { } container ? PrincipalSetMembership.ServiceAccountOf(estate, principal, container) : MemberMatch.No;
        }

        // The sets of a workforce or workload identity pool: `…/POOL/*` (every identity of the pool), `…/POOL/group/G`,
        // `…/POOL/attribute.NAME/VALUE`, and for GKE pools `…/namespace/NS` and the like.
        if (PoolOf(bound.Id) is not var (pool, set))
        {
            return MemberMatch.No;
        }

        if (principal.Kind is not (MemberKind.Principal or MemberKind.PrincipalSet) || PoolOf(principal.Id) is not var (principalPool, _)
            || !string.Equals(pool, principalPool, StringComparison.Ordinal))
        {
            return MemberMatch.No;
        }

        if (set == "*")
        {
            return MemberMatch.Through($"`{bound.Text}` is every identity of pool `{pool}`");
        }

        var what = set.StartsWith("group/", StringComparison.Ordinal) ? $"is in group `{set["group/".Length..]}` of pool `{pool}`"
            : set.StartsWith("attribute.", StringComparison.Ordinal) && set.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash
                ? $"has attribute `{set["attribute.".Length..slash]}` = `{set[(slash + 1)..]}` in pool `{pool}`"
            : $"is in `{bound.Text}`";
        return MemberMatch.If($"`{principal.Text}` {what} (pool attributes and groups are not read)");
    }

    /// <summary>The container of <c>principalSet://cloudresourcemanager.googleapis.com/CONTAINER/type/ServiceAccount</c>; null for any other set of that service.</summary>
    private static PrincipalSetName? ServiceAccountContainer(string identifier) =>
        identifier.EndsWith(ServiceAccountType, StringComparison.Ordinal) && identifier.Length > ServiceAccountSet.Length + ServiceAccountType.Length
            && PrincipalSetName.TryParse(ResourceNames.ResourceManager + identifier[ServiceAccountSet.Length..^ServiceAccountType.Length], out var container)
                ? container
                : null;

    /// <summary>The pool a <c>principal://</c> or <c>principalSet://</c> identifier names (up to the pool id), and what follows it.</summary>
    private static (string Pool, string Set)? PoolOf(string identifier)
    {
        foreach (var kind in PoolKinds)
        {
            var at = identifier.IndexOf(kind, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var poolEnd = identifier.IndexOf('/', at + kind.Length);
            if (poolEnd < 0 || poolEnd == identifier.Length - 1)
            {
                return null;
            }

            var scheme = identifier.IndexOf("://", StringComparison.Ordinal);
            return (identifier[(scheme + 3)..poolEnd], identifier[(poolEnd + 1)..]);
        }

        return null;
    }
}
