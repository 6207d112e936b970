namespace Ward.Microsoft.Entra.ConditionalAccess;

/// <summary>How far a user's sign-ins are made to require multifactor authentication.</summary>
public enum MfaCoverageLevel
{
    /// <summary>Nothing enforced requires MFA of the user.</summary>
    None,

    /// <summary>Something enforced requires MFA of the user, but only for some applications, clients, places or devices, or lets another control replace it.</summary>
    Partial,

    /// <summary>Something enforced requires MFA of the user at every sign-in to every application.</summary>
    Full,
}
