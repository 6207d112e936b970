using System.Collections.Immutable;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-compute-ssh-metadata</c>: an SSH key added to the metadata of a VM that runs as a service account lets the
/// principal log in and read the account's token from the metadata server. Compute Engine asks for
/// <c>iam.serviceAccounts.actAs</c> on the instance's account with <c>compute.instances.setMetadata</c>, and on the
/// project with <c>compute.projects.setCommonInstanceMetadata</c> (project-wide keys reach every instance that does
/// not block them). Through an exported instance that runs as the account without OS Login (and, for project-wide keys,
/// not blocking them), the instance's metadata decided on the instance; where the project's instances were not
/// exported, conditional on one existing. Reaching it over SSH is assumed (an external IP, IAP or its network).
/// </summary>
public sealed class ComputeSshMetadataEdgeChecker : ActAsServiceEdgeChecker
{
    public override string TechniqueId => "gcp-compute-ssh-metadata";

    protected override ImmutableArray<ServiceWay> Ways { get; } =
    [
        new(["compute.instances.setMetadata"], "a VM instance running as `{1}` exists in `{0}`, without OS Login (its instances were not exported)", Instance: InstanceUse.InstanceSshKeys),
        new(["compute.projects.setCommonInstanceMetadata", ActAs], "a VM instance running as `{1}` exists in `{0}`, without OS Login, and accepts project-wide SSH keys (its instances were not exported)", Instance: InstanceUse.ProjectSshKeys),
    ];

    protected override string Does(string account, string project) =>
        $"adds an SSH key to the metadata of a VM in `{project}` that runs as {account}, logs in and reads the account's token from the metadata server";
}
