namespace Ward.Gcp.Edges;

/// <summary>How a way of running code as a service account goes through a Compute Engine instance that already exists.</summary>
public enum InstanceUse
{
    /// <summary>Not through an existing instance.</summary>
    None,

    /// <summary>Any instance of the account's project: the way gives it the account, so whom it runs as now does not matter.</summary>
    AnyOfProject,

    /// <summary>An instance running as the account that reads SSH keys from its own metadata (OS Login off).</summary>
    InstanceSshKeys,

    /// <summary>An instance running as the account that reads SSH keys from its project's metadata (OS Login off, project keys not blocked).</summary>
    ProjectSshKeys,

    /// <summary>An instance running as the account with OS Login on.</summary>
    OsLogin,
}
