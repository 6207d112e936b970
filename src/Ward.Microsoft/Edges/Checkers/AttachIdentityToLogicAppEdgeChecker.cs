using Ward.Microsoft.Azure.Resources;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-logic-app-attach-identity</c>: a principal that may assign a user-assigned identity (Managed Identity
/// Operator) attaches it to a Logic App (Consumption) it may update (<c>Microsoft.Logic/workflows/write</c>, Logic App
/// Contributor) and rewrites the workflow in the same write, as <see cref="LogicAppEdgeChecker"/> does: an HTTP action
/// that authenticates with the managed identity (<c>"authentication": {"type": "ManagedServiceIdentity", "identity":
/// …}</c>) calls APIs as the identity (<see cref="AttachIdentityEdgeChecker"/>).
/// </summary>
public sealed class AttachIdentityToLogicAppEdgeChecker() : AttachIdentityEdgeChecker("azure-logic-app-attach-identity", AzureResourceTypes.LogicApp)
{
    protected override IReadOnlyList<(string How, string[] Actions)> RunCode { get; } =
    [
        ("rewrites its workflow in the same write with an HTTP action that authenticates with the identity", []),
    ];
}
