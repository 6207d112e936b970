using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Resources;

/// <summary>
/// A user-assigned identity attached to a resource: its resource id (the key of <c>identity.userAssignedIdentities</c>)
/// and, where the export gave them, its service principal's object id and its client id.
/// </summary>
public sealed record IdentityAttachment(AzureScope IdentityId, string? PrincipalId, string? ClientId);
