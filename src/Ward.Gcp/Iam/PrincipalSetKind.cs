namespace Ward.Gcp.Iam;

/// <summary>The kinds of principal set a principal access boundary policy can be bound to.</summary>
public enum PrincipalSetKind
{
    /// <summary>An organization's: its Google Workspace or Cloud Identity identities, its workforce pools, and the service accounts and workload identity pools of every project in it.</summary>
    Organization,

    /// <summary>A folder's: the service accounts and workload identity pools of every project in it.</summary>
    Folder,

    /// <summary>A project's: its service accounts and workload identity pools.</summary>
    Project,

    /// <summary>Every identity of a workforce identity pool.</summary>
    WorkforcePool,

    /// <summary>Every identity of a workload identity pool.</summary>
    WorkloadPool,

    /// <summary>Every identity of a Google Workspace or Cloud Identity customer.</summary>
    Workspace,
}
