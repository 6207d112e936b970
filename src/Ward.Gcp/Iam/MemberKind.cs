namespace Ward.Gcp.Iam;

/// <summary>The kinds of principal identifier an IAM v1 policy binding may name.</summary>
public enum MemberKind
{
    /// <summary><c>user:EMAIL</c>: a Google account.</summary>
    User,

    /// <summary><c>serviceAccount:EMAIL</c>: a service account (or a Kubernetes service account, <c>PROJECT.svc.id.goog[NS/NAME]</c>).</summary>
    ServiceAccount,

    /// <summary><c>group:EMAIL</c>: a Google group.</summary>
    Group,

    /// <summary><c>domain:DOMAIN</c>: every user of a Google Workspace or Cloud Identity domain.</summary>
    Domain,

    /// <summary><c>allUsers</c>: anyone on the internet.</summary>
    AllUsers,

    /// <summary><c>allAuthenticatedUsers</c>: anyone signed in with a Google account or a service account.</summary>
    AllAuthenticatedUsers,

    /// <summary><c>principal://…</c>: one identity of a workforce or workload identity pool, or a resource's built-in identity.</summary>
    Principal,

    /// <summary><c>principalSet://…</c>: a set of identities of a pool (a group, an attribute value, the whole pool).</summary>
    PrincipalSet,

    /// <summary><c>projectOwner:PROJECT_ID</c>: the owners of a project (a convenience value of basic roles).</summary>
    ProjectOwner,

    /// <summary><c>projectEditor:PROJECT_ID</c>.</summary>
    ProjectEditor,

    /// <summary><c>projectViewer:PROJECT_ID</c>.</summary>
    ProjectViewer,

    /// <summary>A value of no form Ward knows; kept as written.</summary>
    Unknown,
}
