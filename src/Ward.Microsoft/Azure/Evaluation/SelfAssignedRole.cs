using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Evaluation;

/// <summary>A role a principal would assign itself at a scope, which a request may be decided with (<see cref="AzureRequest.SelfAssigned"/>).</summary>
public sealed record SelfAssignedRole(string RoleDefinitionId, AzureScope Scope);
