using Ward.Gcp.Iam;

namespace Ward.Gcp.Policy.Evaluation;

/// <summary>
/// Members and principals that are Kubernetes service accounts of a GKE workload identity pool
/// (<c>PROJECT_ID.svc.id.goog</c>, Workload Identity Federation for GKE). Google names one in either of two forms:
/// <c>serviceAccount:PROJECT_ID.svc.id.goog[NAMESPACE/NAME]</c> and
/// <c>principal://iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/PROJECT_ID.svc.id.goog/subject/ns/NAMESPACE/sa/NAME</c>,
/// the same account (the project's number and id are matched through the exported hierarchy). The pool's
/// <c>principalSet://…/namespace/NAMESPACE</c> is every Kubernetes service account of that namespace: an account's
/// namespace is part of its name, so membership is certain either way. The pool's
/// <c>…/kubernetes.cluster/URL</c> set is the accounts a workload of that cluster uses: the same account may run in
/// any cluster of the pool, so membership stays possible.
/// </summary>
internal static class KubernetesMembers
{
    private const string PoolSuffix = ".svc.id.goog";
    private const string Subject = "principal://iam.googleapis.com/";
    private const string Set = "principalSet://iam.googleapis.com/";

    /// <summary>How a member naming one Kubernetes service account, or a set of the GKE pool, stands to a principal that is one; null when either is not of that kind (the usual rules decide).</summary>
    public static MemberMatch? Match(Member bound, Member principal, GcpEstate estate)
    {
        if (bound.Kind is not (MemberKind.ServiceAccount or MemberKind.Principal or MemberKind.PrincipalSet) || AccountOf(principal) is not { } account)
        {
            return null;
        }

        if (bound.Kind != MemberKind.PrincipalSet)
        {
            if (AccountOf(bound) is not { } named)
            {
                return null;
            }

            if (!string.Equals(named.ProjectId, account.ProjectId, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(named.Namespace, account.Namespace, StringComparison.Ordinal) || !string.Equals(named.Name, account.Name, StringComparison.Ordinal))
            {
                return MemberMatch.No;
            }

            if (named.Number is { } a && account.Number is { } b)
            {
                return string.Equals(a, b, StringComparison.Ordinal) ? MemberMatch.Named : MemberMatch.No;
            }

            // Two serviceAccount: forms: equal ones were matched by name.
            return (named.Number ?? account.Number) is { } number
                ? WithNumber(estate, number, account.ProjectId, MemberMatch.Through(
                    $"`{bound.Text}` and `{principal.Text}` name the same Kubernetes service account (`{account.Namespace}/{account.Name}` of pool `{account.ProjectId}{PoolSuffix}`, project `{account.ProjectId}` being number `{number}`)"))
                : MemberMatch.No;
        }

        if (SetOf(bound.Id) is not var (setNumber, setProject, selector))
        {
            return null;
        }

        if (!string.Equals(setProject, account.ProjectId, StringComparison.OrdinalIgnoreCase) || (account.Number is { } own && !string.Equals(own, setNumber, StringComparison.Ordinal)))
        {
            return MemberMatch.No;
        }

        var pool = setProject + PoolSuffix;
        MemberMatch match;
        if (selector == "*")
        {
            match = MemberMatch.Through($"`{bound.Text}` is every identity of pool `{pool}`, `{principal.Text}` among them");
        }
        else if (selector.StartsWith("namespace/", StringComparison.Ordinal))
        {
            var ns = selector["namespace/".Length..];
            if (!string.Equals(ns, account.Namespace, StringComparison.Ordinal))
            {
                return MemberMatch.No;
            }

            match = MemberMatch.Through($"`{bound.Text}` is every Kubernetes service account of namespace `{ns}` of pool `{pool}`, `{principal.Text}` among them");
        }
        else if (selector.StartsWith("kubernetes.cluster/", StringComparison.Ordinal))
        {
            match = MemberMatch.If($"`{principal.Text}` is used by a workload of cluster `{selector["kubernetes.cluster/".Length..]}` (a Kubernetes service account of pool `{pool}` may run in any of its clusters; Ward does not read which)");
        }
        else
        {
            match = MemberMatch.If($"`{principal.Text}` is in `{bound.Text}` (pool attributes and groups are not read)");
        }

        return account.Number is null ? WithNumber(estate, setNumber, account.ProjectId, match) : match;
    }

    /// <summary>
    /// Whether a Kubernetes service account is an identity of a workload identity pool
    /// (<c>projects/NUMBER/locations/global/workloadIdentityPools/POOL</c>, the principal set of a principal access
    /// boundary policy binding); null when the principal is not one in the <c>serviceAccount:</c> form.
    /// </summary>
    public static MemberMatch? InPool(Member principal, string pool, GcpEstate estate)
    {
        if (principal.Kind != MemberKind.ServiceAccount || AccountOf(principal) is not { } account)
        {
            return null;
        }

        return pool.Split('/') is ["projects", { Length: > 0 } number, "locations", _, "workloadIdentityPools", { } id]
            && string.Equals(id, account.ProjectId + PoolSuffix, StringComparison.OrdinalIgnoreCase)
            ? WithNumber(estate, number, account.ProjectId, MemberMatch.Through($"`{principal.Text}` is a Kubernetes service account of `{pool}`"))
            : MemberMatch.No;
    }

    /// <summary>Whether the principal is one Kubernetes service account of a GKE pool, in either form.</summary>
    public static bool IsAccount(Member member) => AccountOf(member) is not null;

    /// <summary>
    /// The match, if project <paramref name="number"/> (of a <c>principal://</c> or <c>principalSet://</c> form) is
    /// project <paramref name="projectId"/> (whose pool the other form names): as it is when the exported hierarchy
    /// says so, No when it gives the one another id or the other another number, possible when it does not say.
    /// </summary>
    private static MemberMatch WithNumber(GcpEstate estate, string number, string projectId, MemberMatch match)
    {
        var byNumber = estate.FindNode("projects/" + number);
        if (byNumber is { ProjectId: { } id })
        {
            return string.Equals(id, projectId, StringComparison.OrdinalIgnoreCase) ? match : MemberMatch.No;
        }

        if (estate.FindNode("projects/" + projectId) is { } byId)
        {
            if (ReferenceEquals(byId, byNumber) || string.Equals(byId.RelativeName, "projects/" + number, StringComparison.Ordinal))
            {
                return match;
            }

            if (byId.RelativeName.StartsWith("projects/", StringComparison.Ordinal) && IsNumber(byId.RelativeName["projects/".Length..]))
            {
                return MemberMatch.No;
            }
        }

        var requirement = $"project `{number}` is `{projectId}`, the project of pool `{projectId}{PoolSuffix}` (the export does not say)";
        return MemberMatch.If(match.Requirement is { } other ? $"{other} and {requirement}" : requirement);
    }

    private static bool IsNumber(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    /// <summary>One Kubernetes service account, in either form: the project number only in the <c>principal://</c> form.</summary>
    private static Account? AccountOf(Member member)
    {
        if (member.IsDeleted)
        {
            return null;
        }

        if (member.Kind == MemberKind.ServiceAccount)
        {
            // POOL[NAMESPACE/NAME]
            var id = member.Id;
            var open = id.IndexOf(PoolSuffix + "[", StringComparison.OrdinalIgnoreCase);
            if (open <= 0 || !id.EndsWith(']'))
            {
                return null;
            }

            var inner = id[(open + PoolSuffix.Length + 1)..^1].Split('/');
            return inner is [{ Length: > 0 } ns, { Length: > 0 } name] ? new Account(id[..open], null, ns, name) : null;
        }

        // Who-can asks this of every candidate: split only what may be one.
        if (member.Kind != MemberKind.Principal || !member.Id.StartsWith(Subject, StringComparison.Ordinal) || !member.Id.Contains(PoolSuffix + "/subject/ns/", StringComparison.Ordinal))
        {
            return null;
        }

        return member.Id[Subject.Length..].Split('/') is ["projects", { Length: > 0 } number, "locations", _, "workloadIdentityPools", { } pool, "subject", "ns", { Length: > 0 } ns2, "sa", { Length: > 0 } name2]
            && pool.EndsWith(PoolSuffix, StringComparison.Ordinal) && pool.Length > PoolSuffix.Length
            ? new Account(pool[..^PoolSuffix.Length], number, ns2, name2)
            : null;
    }

    /// <summary>A set of a GKE pool: the project number, the project id (the pool's) and what follows the pool.</summary>
    private static (string Number, string ProjectId, string Selector)? SetOf(string identifier)
    {
        if (!identifier.StartsWith(Set, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = identifier[Set.Length..].Split('/', 7);
        return parts is ["projects", { Length: > 0 } number, "locations", _, "workloadIdentityPools", { } pool, { Length: > 0 } selector]
            && pool.EndsWith(PoolSuffix, StringComparison.Ordinal) && pool.Length > PoolSuffix.Length
            ? (number, pool[..^PoolSuffix.Length], selector)
            : null;
    }

    private readonly record struct Account(string ProjectId, string? Number, string Namespace, string Name);
}
