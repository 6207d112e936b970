using Ward.Gcp.Iam;

namespace Ward.Gcp.Policy.Evaluation;

/// <summary>
/// Whether a principal is in the principal set a principal access boundary policy is bound to (Google's "Supported
/// principal sets"): an organization's holds the identities of its Google Workspace or Cloud Identity customer, its
/// workforce pools, and the service accounts and workload identity pools of every project below it; a folder's and a
/// project's, the service accounts and workload identity pools of the projects below them; a pool's, its identities;
/// a customer's, its identities. What the export cannot tell (a user's customer beyond the organization's primary
/// domain, the project of a Google-managed account, a workforce pool's organization) is a possible membership.
/// </summary>
internal static class PrincipalSetMembership
{
    private const string Iam = "principal://iam.googleapis.com/";

    /// <summary>Whether principal access boundaries apply to the principal at all: one identity (a user, a service account, a pool identity), not a set.</summary>
    public static bool IsIdentity(Member principal) =>
        !principal.IsDeleted && (principal.Kind is MemberKind.User or MemberKind.ServiceAccount || (principal.Kind == MemberKind.Principal && principal.Id.StartsWith(Iam, StringComparison.Ordinal)));

    /// <summary><c>principal.type</c> as a policy binding's condition sees it, when Ward can tell.</summary>
    public static string? TypeOf(Member principal) => principal.Kind switch
    {
        MemberKind.User => "iam.googleapis.com/WorkspaceIdentity",
        MemberKind.ServiceAccount when principal.Id.Contains('@', StringComparison.Ordinal) => "iam.googleapis.com/ServiceAccount",
        MemberKind.Principal when principal.Id.Contains("/workforcePools/", StringComparison.Ordinal) => "iam.googleapis.com/WorkforcePoolIdentity",
        MemberKind.Principal when principal.Id.Contains("/workloadIdentityPools/", StringComparison.Ordinal) => "iam.googleapis.com/WorkloadPoolIdentity",
        _ => null,
    };

    /// <summary><c>principal.subject</c>: the email of a user or service account; not decided for pool identities.</summary>
    public static string? SubjectOf(Member principal) => principal.Kind is MemberKind.User or MemberKind.ServiceAccount && principal.Id.Contains('@', StringComparison.Ordinal) ? principal.Id : null;

    public static MemberMatch Match(GcpEstate estate, Member principal, string principalSet) =>
        PrincipalSetName.TryParse(principalSet, out var set)
            ? Match(estate, principal, set)
            : MemberMatch.If($"`{principal.Text}` is in principal set `{principalSet}` (a form Ward does not decide)");

    /// <summary>
    /// Whether a principal is in <c>principalSet://cloudresourcemanager.googleapis.com/CONTAINER/type/ServiceAccount</c>,
    /// a member of allow and deny policies: the service accounts of every project in the container. It is the
    /// container's own principal set narrowed to service accounts, so the same decision answers it; a Kubernetes
    /// service account (no email) is no IAM service account.
    /// </summary>
    /// <remarks>The container is parsed as a boundary target names it (<see cref="PrincipalSetKind.Organization"/>, <see cref="PrincipalSetKind.Folder"/> or <see cref="PrincipalSetKind.Project"/>).</remarks>
    public static MemberMatch ServiceAccountOf(GcpEstate estate, Member principal, PrincipalSetName container) =>
        principal.Kind == MemberKind.ServiceAccount && principal.Id.Contains('@', StringComparison.Ordinal)
            ? Match(estate, principal, container)
            : MemberMatch.No;

    /// <summary>
    /// Whether a user is in <c>principalSet://goog/cloudIdentityCustomerId/CUSTOMER_ID</c> of a deny rule: the customer's
    /// identities, decided as for a boundary bound to the customer's workspace set (the organization whose
    /// <c>owner.directoryCustomerId</c> it is, and its primary domain).
    /// </summary>
    public static MemberMatch UserOfCustomer(GcpEstate estate, Member principal, string customerId) =>
        principal.Kind == MemberKind.User ? Match(estate, principal, new PrincipalSetName(PrincipalSetKind.Workspace, customerId)) : MemberMatch.No;

    private static MemberMatch Match(GcpEstate estate, Member principal, PrincipalSetName set) => (set.Kind, principal.Kind) switch
    {
        // Google's service agents live in Google's own projects, in no customer's principal set.
        (PrincipalSetKind.Organization or PrincipalSetKind.Folder or PrincipalSetKind.Project, MemberKind.ServiceAccount) when ServiceAccountEmails.IsGoogleServiceAgent(principal.Id) => MemberMatch.No,
        (PrincipalSetKind.Organization or PrincipalSetKind.Folder or PrincipalSetKind.Project, MemberKind.ServiceAccount) => InContainer(estate, principal, ProjectOfServiceAccount(estate, principal.Id), set.Id, "service account"),
        (PrincipalSetKind.Organization or PrincipalSetKind.Folder or PrincipalSetKind.Project, MemberKind.Principal) when WorkloadProject(principal.Id) is { } project => InContainer(estate, principal, project, set.Id, "workload identity pool identity"),
        (PrincipalSetKind.Organization, MemberKind.User) => UserOf(principal, estate.FindNode(set.Id), $"`{set.Id}`"),
        (PrincipalSetKind.Organization, MemberKind.Principal) when principal.Id.Contains("/workforcePools/", StringComparison.Ordinal) =>
            MemberMatch.If($"the workforce pool of `{principal.Text}` belongs to `{set.Id}` (Ward does not read workforce pools)"),
        (PrincipalSetKind.Workspace, MemberKind.User) => UserOf(principal, estate.Nodes.FirstOrDefault(n => string.Equals(n.DirectoryCustomerId, set.Id, StringComparison.Ordinal)), $"Google Workspace customer `{set.Id}`"),
        (PrincipalSetKind.WorkloadPool, MemberKind.ServiceAccount) => KubernetesMembers.InPool(principal, set.Id, estate) ?? MemberMatch.No,
        (PrincipalSetKind.WorkforcePool or PrincipalSetKind.WorkloadPool, MemberKind.Principal) =>
            principal.Id.StartsWith(Iam + set.Id + "/", StringComparison.Ordinal) ? MemberMatch.Through($"`{principal.Text}` is an identity of `{set.Id}`") : MemberMatch.No,
        _ => MemberMatch.No,
    };

    /// <summary>The project id or number a service account's project goes by: from the export, else from its email.</summary>
    private static string? ProjectOfServiceAccount(GcpEstate estate, string email) =>
        estate.FindServiceAccount(email)?.ProjectId ?? ServiceAccountEmails.ProjectOf(email);

    /// <summary>The project number of a workload identity pool identity (<c>principal://iam.googleapis.com/projects/NUMBER/locations/…/workloadIdentityPools/…</c>).</summary>
    private static string? WorkloadProject(string id) =>
        id[Iam.Length..].Split('/') is ["projects", { Length: > 0 } number, "locations", _, "workloadIdentityPools", ..] ? number : null;

    private static MemberMatch InContainer(GcpEstate estate, Member principal, string? project, string container, string what)
    {
        if (project is null)
        {
            return MemberMatch.If($"`{principal.Text}` is a {what} of a project in `{container}` (Ward cannot tell its project)");
        }

        if (estate.FindNode("projects/" + project) is not { } node)
        {
            return MemberMatch.If($"project `{project}` of `{principal.Text}` is in `{container}` (the project is not in the export)");
        }

        var targetNode = estate.FindNode(container);
        var target = targetNode?.RelativeName ?? container;
        var ancestors = node.Ancestors.IsEmpty ? [node.RelativeName] : node.Ancestors;
        if (ancestors.Contains(target, StringComparer.Ordinal))
        {
            return MemberMatch.Through(ReferenceEquals(targetNode, node) ? $"`{principal.Text}` is a {what} of `{OwnerLabel(node)}`" : $"`{principal.Text}` is a {what} of `{OwnerLabel(node)}`, in `{target}`");
        }

        // An ancestry that stops short of an organization may still lead to the container.
        return ResourceNames.ContainerKind(ancestors[^1]) == HierarchyNodeKind.Organization
            ? MemberMatch.No
            : MemberMatch.If($"`{OwnerLabel(node)}`, the project of `{principal.Text}`, is in `{target}` (its ancestry is known only up to `{ancestors[^1]}`)");
    }

    /// <summary>
    /// A user is in an organization's (or its customer's) principal set when its Google account belongs to the
    /// organization's Google Workspace or Cloud Identity customer. Ward knows the organization's primary domain (its
    /// display name) only; consumer accounts belong to no customer.
    /// </summary>
    private static MemberMatch UserOf(Member principal, HierarchyNode? organization, string set)
    {
        var domain = principal.Id[(principal.Id.LastIndexOf('@') + 1)..];
        if (domain.Equals("gmail.com", StringComparison.OrdinalIgnoreCase) || domain.Equals("googlemail.com", StringComparison.OrdinalIgnoreCase))
        {
            return MemberMatch.No;
        }

        return organization is { Kind: HierarchyNodeKind.Organization } && string.Equals(organization.DisplayName, domain, StringComparison.OrdinalIgnoreCase)
            ? MemberMatch.Through($"`{principal.Text}` is an account of `{domain}`, the primary domain of `{organization.RelativeName}`")
            : MemberMatch.If($"`{principal.Text}` is an account of {set}'s Google Workspace or Cloud Identity customer (Ward knows only an organization's primary domain)");
    }

    private static string OwnerLabel(HierarchyNode project) => project.ProjectId is { } id ? "projects/" + id : project.RelativeName;
}
