using Ward.Microsoft.Azure.Resources;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-container-group-attach-identity</c>: a principal that may assign a user-assigned identity (Managed Identity
/// Operator) and write container groups (<c>containerGroups/write</c>, Contributor) runs a container of its own as the
/// identity, which asks the instance metadata endpoint for the identity's token (<see cref="AttachIdentityEdgeChecker"/>).
/// On an existing group, one write attaches the identity and gives a container its own command: the group restarts
/// with both ("You can also enable or update managed identities after a container group is running - either action
/// causes the container group to restart", Microsoft's container instances documentation; the command is not among the
/// properties whose change needs the group deleted first). Or the principal creates a new group with the identity in
/// a resource group where it may write one, whose container runs its command as it starts.
/// </summary>
public sealed class AttachIdentityToContainerGroupEdgeChecker() : AttachIdentityEdgeChecker("azure-container-group-attach-identity", AzureResourceTypes.ContainerGroup)
{
    protected override IReadOnlyList<(string How, string[] Actions)> RunCode { get; } =
    [
        ("gives a container its own command in the same write, which runs as the group restarts,", []),
    ];

    protected override (string What, string How)? CreatedWithIdentity => ("a container group", "whose container's command runs as it starts,");
}
