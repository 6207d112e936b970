using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.Evaluation;

/// <summary>A delegated grant to a client (or covering a user), and why it gives nothing when it does not.</summary>
/// <param name="Grant">The <c>oauth2PermissionGrant</c>.</param>
/// <param name="Resource">The resource's display name (or object id when it is not in the export).</param>
/// <param name="Users">Whom it covers: <c>every user</c>, or the user principal name.</param>
/// <param name="NotIssued">Why it gives nothing (a disabled client, resource or user); null when it holds.</param>
public sealed record HeldGrant(OAuth2PermissionGrant Grant, string Resource, string Users, string? NotIssued);
