namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// When a service principal last signed in (beta <c>GET /reports/servicePrincipalSignInActivities</c>, keyed by
/// <c>appId</c>), in total and by the role it played.
/// </summary>
public sealed record ServicePrincipalSignInActivity
{
    public DateTimeOffset? LastSignIn { get; init; }

    /// <summary>As a client acting for a user.</summary>
    public DateTimeOffset? DelegatedClientLastSignIn { get; init; }

    /// <summary>As the resource a client called for a user.</summary>
    public DateTimeOffset? DelegatedResourceLastSignIn { get; init; }

    /// <summary>As a client signing in with its own credentials.</summary>
    public DateTimeOffset? ApplicationClientLastSignIn { get; init; }

    /// <summary>As the resource a client called with its own credentials.</summary>
    public DateTimeOffset? ApplicationResourceLastSignIn { get; init; }
}
