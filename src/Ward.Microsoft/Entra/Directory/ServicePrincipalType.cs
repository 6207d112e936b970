namespace Ward.Microsoft.Entra.Directory;

/// <summary>A service principal's <c>servicePrincipalType</c>.</summary>
public enum ServicePrincipalType
{
    Unknown,

    /// <summary>The instance of an application registration (of this tenant or another).</summary>
    Application,

    /// <summary>A system- or user-assigned managed identity of an Azure resource.</summary>
    ManagedIdentity,

    /// <summary>An application created before app registrations, or through other legacy experiences.</summary>
    Legacy,

    /// <summary>A social identity provider (B2C).</summary>
    SocialIdp,
}
