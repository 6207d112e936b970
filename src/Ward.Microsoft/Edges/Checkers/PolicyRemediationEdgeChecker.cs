namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-policy-remediation</c>: a policy assignment with a managed identity (DeployIfNotExists and Modify policies
/// have one) deploys whatever its policy definition says when a remediation runs. A principal allowed to re-point the
/// assignment at a definition of its own and to start a remediation (Resource Policy Contributor, Owner) deploys a
/// template that runs with the assignment's identity. Decided at the assignment's own resource id.
/// </summary>
public sealed class PolicyRemediationEdgeChecker() : WorkloadIdentityEdgeChecker(
    "azure-policy-remediation", "Microsoft.Authorization/policyAssignments", "re-points and remediates the policy assignment",
    "Microsoft.Authorization/policyAssignments/write", "Microsoft.Authorization/policyDefinitions/write", "Microsoft.PolicyInsights/remediations/write");
