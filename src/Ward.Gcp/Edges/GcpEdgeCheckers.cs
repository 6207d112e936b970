using Ward.Gcp.Edges.Checkers;

namespace Ward.Gcp.Edges;

/// <summary>Every Google Cloud technique, listed explicitly (one checker per file in <c>Checkers/</c>).</summary>
public static class GcpEdgeCheckers
{
    public static IReadOnlyList<IGcpEdgeChecker> All { get; } =
    [
        new SetHierarchyIamPolicyEdgeChecker(),
        new UpdateCustomRoleEdgeChecker(),
        new TagBindingEdgeChecker(),
        new TagUnbindingEdgeChecker(),
        new SetServiceAccountIamPolicyEdgeChecker(),
        new GetAccessTokenEdgeChecker(),
        new SignBlobEdgeChecker(),
        new SignJwtEdgeChecker(),
        new ImplicitDelegationEdgeChecker(),
        new CreateServiceAccountKeyEdgeChecker(),
        new ComputeInstanceEdgeChecker(),
        new CloudFunctionEdgeChecker(),
        new CloudRunEdgeChecker(),
        new CloudBuildEdgeChecker(),
        new CloudSchedulerEdgeChecker(),
        new CloudTasksEdgeChecker(),
        new CloudRunJobEdgeChecker(),
        new WorkflowsEdgeChecker(),
        new AppEngineEdgeChecker(),
        new ComposerEdgeChecker(),
        new ComposerDagWriteEdgeChecker(),
        new DagBucketSetIamPolicyEdgeChecker(),
        new DataprocEdgeChecker(),
        new DataflowEdgeChecker(),
        new VertexAiEdgeChecker(),
        new ComputeSshMetadataEdgeChecker(),
        new ComputeOsLoginEdgeChecker(),
        new DeploymentManagerEdgeChecker(),
        new GkeNodeServiceAccountEdgeChecker(),
        new GkeWorkloadIdentityEdgeChecker(),
        new GroupMemberEdgeChecker(),
        new WorkloadIdentityProviderEdgeChecker(),
    ];

    /// <summary>
    /// The techniques by which a principal acts as a service account with permissions on the account alone (its
    /// allow policy, tokens, signatures, keys, delegation), with no resource to deploy: those of <see cref="All"/>.
    /// </summary>
    public static IReadOnlyList<IImpersonationEdgeChecker> Impersonation { get; } = [.. All.OfType<IImpersonationEdgeChecker>()];
}
