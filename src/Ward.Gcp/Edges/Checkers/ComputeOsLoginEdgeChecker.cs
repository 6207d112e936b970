using System.Collections.Immutable;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-compute-os-login</c>: on a VM that uses OS Login and runs as a service account, <c>compute.instances.osLogin</c>
/// (or <c>osAdminLogin</c>) with <c>iam.serviceAccounts.actAs</c> on the account, which OS Login requires for such
/// instances, lets the principal log in and read the account's token from the metadata server (no administrator
/// rights are needed for that). Conditional on such an instance existing and being reachable: Ward does not read
/// instances.
/// </summary>
public sealed class ComputeOsLoginEdgeChecker : ActAsServiceEdgeChecker
{
    private const string Needs = "a VM instance running as `{1}` with OS Login enabled exists in `{0}` and is reachable over SSH (the export lists no instances)";

    public override string TechniqueId => "gcp-compute-os-login";

    protected override ImmutableArray<ServiceWay> Ways { get; } =
    [
        new(["compute.instances.osLogin"], Needs),
        new(["compute.instances.osAdminLogin"], Needs),
    ];

    protected override string Does(string account, string project) =>
        $"logs in with OS Login to a VM in `{project}` that runs as {account} and reads the account's token from the metadata server";
}
