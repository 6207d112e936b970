using System.Collections.Immutable;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// A federated identity credential of an application: tokens from <see cref="Issuer"/> whose subject matches
/// <see cref="Subject"/> (or, in beta, <see cref="ClaimsMatchingExpression"/>) sign in as the application.
/// </summary>
public sealed record FederatedIdentityCredential
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public required string Issuer { get; init; }

    /// <summary>Null when a claims matching expression is used instead.</summary>
    public string? Subject { get; init; }

    public ImmutableArray<string> Audiences { get; init; } = [];

    /// <summary>The flexible expression (beta <c>claimsMatchingExpression.value</c>), kept as written.</summary>
    public string? ClaimsMatchingExpression { get; init; }

    public string? Description { get; init; }
}
