using System.Collections.Immutable;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-sa-key-create</c>: a principal that may create keys for a service account gets a long-lived credential of
/// it, unless the organization policy forbids key creation in the account's project (the legacy
/// <c>iam.disableServiceAccountKeyCreation</c> or the managed <c>iam.managed.disableServiceAccountKeyCreation</c>)
/// and the principal cannot lift it.
/// </summary>
public sealed class CreateServiceAccountKeyEdgeChecker : ServiceAccountPermissionEdgeChecker
{
    public override string TechniqueId => "gcp-sa-key-create";

    protected override string Permission => "iam.serviceAccountKeys.create";

    protected override ImmutableArray<string> BlockingConstraints { get; } = ["iam.disableServiceAccountKeyCreation", "iam.managed.disableServiceAccountKeyCreation"];

    protected override string Does(string account) => $"creates a key for {account} and signs in with it";
}
