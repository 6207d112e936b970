namespace Ward.Microsoft.Entra.Federation;

/// <summary>How many workloads a federated identity credential lets in, from narrow to broad.</summary>
public enum SubjectBreadth
{
    /// <summary>No workload: an exact subject naming a GitHub owner or repository that no name can be (<c>repo:org/*</c>).</summary>
    Nothing,

    /// <summary>One workload: a repository's environment, branch or tag; a Kubernetes service account; a Terraform workspace's run phase.</summary>
    Pinned,

    /// <summary>Every run of one repository, project or workspace (any branch, any pull request, any environment that matches).</summary>
    Repository,

    /// <summary>Every repository, project or workspace of one owner (a GitHub organization or enterprise, a GitLab group, a Terraform organization).</summary>
    Owner,

    /// <summary>Any workload of the issuer, whoever owns it.</summary>
    Anyone,
}
