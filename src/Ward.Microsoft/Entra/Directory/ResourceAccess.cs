namespace Ward.Microsoft.Entra.Directory;

/// <summary>One permission an application asks for: an app role (<c>Role</c>) or a delegated scope (<c>Scope</c>) of the resource, by id.</summary>
public sealed record ResourceAccess(string Id, string Type);
