namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-container-exec</c>: opens a shell in a container of a container group (Contributor) and asks the
/// instance metadata endpoint for the token of the group's managed identity.
/// </summary>
public sealed class ContainerExecEdgeChecker() : WorkloadIdentityEdgeChecker(
    "azure-container-exec", "Microsoft.ContainerInstance/containerGroups", "runs a command in a container of", "Microsoft.ContainerInstance/containerGroups/containers/exec/action");
