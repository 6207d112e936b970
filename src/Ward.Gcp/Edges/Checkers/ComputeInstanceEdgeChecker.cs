using System.Collections.Immutable;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-compute-instance</c>: with <c>iam.serviceAccounts.actAs</c> on a service account and the permissions to
/// create a VM that runs as it (a disk, an instance with the account and a startup script, on a subnetwork of the
/// project) in the account's project, the principal reads the account's token from the metadata server. Or, on an
/// existing instance of the project (stopped, given the account and a startup script, started), whatever it runs as
/// now: an exported instance, its permissions decided on it; where the project's instances were not exported,
/// conditional on one existing.
/// </summary>
public sealed class ComputeInstanceEdgeChecker : ActAsServiceEdgeChecker
{
    public override string TechniqueId => "gcp-compute-instance";

    protected override ImmutableArray<ServiceWay> Ways { get; } =
    [
        new(["compute.instances.create", "compute.disks.create", "compute.instances.setMetadata", "compute.instances.setServiceAccount", "compute.subnetworks.use"]),
        new(["compute.instances.stop", "compute.instances.setServiceAccount", "compute.instances.setMetadata", "compute.instances.start"], "a VM instance exists in `{0}` (its instances were not exported)", Instance: InstanceUse.AnyOfProject),
    ];

    protected override string Does(string account, string project) =>
        $"runs a VM in `{project}` as {account} with a startup script that reads the account's token from the metadata server";
}
