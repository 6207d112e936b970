using Ward.Microsoft.Entra.Catalog;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.Evaluation;

/// <summary>An app role a principal is assigned, directly or through a group, and why it gives no app-only access when it does not.</summary>
/// <param name="Assignment">The app role assignment.</param>
/// <param name="Granted">The resource and permission the assignment names.</param>
/// <param name="ViaGroup">The group assigned the role, when it is held through membership.</param>
/// <param name="NotIssued">Why the role is not in the principal's app-only tokens; null when it is.</param>
public sealed record HeldAppRole(AppRoleAssignment Assignment, GrantedAppRole Granted, string? ViaGroup, string? NotIssued);
