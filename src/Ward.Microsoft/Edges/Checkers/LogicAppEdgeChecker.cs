namespace Ward.Microsoft.Edges.Checkers;

/// <summary><c>azure-logic-app</c>: rewrites a Logic App's workflow, which then calls APIs with the app's identity.</summary>
public sealed class LogicAppEdgeChecker() : WorkloadIdentityEdgeChecker(
    "azure-logic-app", "Microsoft.Logic/workflows", "rewrites the workflow of", "Microsoft.Logic/workflows/write");
