using System.Collections.Immutable;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-compute-os-login</c>: on a VM that uses OS Login and runs as a service account, <c>compute.instances.osLogin</c>
/// (or <c>osAdminLogin</c>) with <c>iam.serviceAccounts.actAs</c> on the account, which OS Login requires for such
/// instances, lets the principal log in and read the account's token from the metadata server (no administrator
/// rights are needed for that). Through an exported instance that runs as the account with OS Login enabled (its own
/// <c>enable-oslogin</c>, else its project's), the permission decided on the instance; where the project's instances
/// were not exported, conditional on one existing. Reaching it over SSH is assumed (an external IP, IAP or its network).
/// </summary>
public sealed class ComputeOsLoginEdgeChecker : ActAsServiceEdgeChecker
{
    private const string Needs = "a VM instance running as `{1}` with OS Login enabled exists in `{0}` (its instances were not exported)";

    public override string TechniqueId => "gcp-compute-os-login";

    protected override ImmutableArray<ServiceWay> Ways { get; } =
    [
        new(["compute.instances.osLogin"], Needs, Instance: InstanceUse.OsLogin),
        new(["compute.instances.osAdminLogin"], Needs, Instance: InstanceUse.OsLogin),
    ];

    protected override string Does(string account, string project) =>
        $"logs in with OS Login to a VM in `{project}` that runs as {account} and reads the account's token from the metadata server";
}
