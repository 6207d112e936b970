using System.Collections.Immutable;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-compute-ssh-metadata</c>: an SSH key added to the metadata of a VM that runs as a service account lets the
/// principal log in and read the account's token from the metadata server. Compute Engine asks for
/// <c>iam.serviceAccounts.actAs</c> on the instance's account with <c>compute.instances.setMetadata</c>, and on the
/// project with <c>compute.projects.setCommonInstanceMetadata</c> (project-wide keys reach every instance that does
/// not block them). Conditional on such an instance existing and being reachable: Ward does not read instances.
/// </summary>
public sealed class ComputeSshMetadataEdgeChecker : ActAsServiceEdgeChecker
{
    public override string TechniqueId => "gcp-compute-ssh-metadata";

    protected override ImmutableArray<ServiceWay> Ways { get; } =
    [
        new(["compute.instances.setMetadata"], "a VM instance running as `{1}` exists in `{0}`, without OS Login, and is reachable over SSH (the export lists no instances)"),
        new(["compute.projects.setCommonInstanceMetadata", ActAs], "a VM instance running as `{1}` exists in `{0}`, without OS Login, accepts project-wide SSH keys and is reachable over SSH (the export lists no instances)"),
    ];

    protected override string Does(string account, string project) =>
        $"adds an SSH key to the metadata of a VM in `{project}` that runs as {account}, logs in and reads the account's token from the metadata server";
}
