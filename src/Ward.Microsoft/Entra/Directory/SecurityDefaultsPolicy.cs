using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// The tenant's security defaults (<c>GET /policies/identitySecurityDefaultsEnforcementPolicy</c>). When enabled they
/// require multifactor authentication of administrators at every sign-in, and of every user signing in to Azure
/// management (portal, CLI, PowerShell); they cannot be enabled together with conditional access policies.
/// </summary>
public sealed record SecurityDefaultsPolicy
{
    /// <summary>Null when the export does not say.</summary>
    public bool? IsEnabled { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
