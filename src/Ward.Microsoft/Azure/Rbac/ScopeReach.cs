namespace Ward.Microsoft.Azure.Rbac;

/// <summary>Whether something assigned at one scope applies at another.</summary>
public enum ScopeReach
{
    /// <summary>It does not apply there.</summary>
    No,

    /// <summary>Assigned at that very scope.</summary>
    AtScope,

    /// <summary>Assigned at an ancestor scope and inherited.</summary>
    Inherited,

    /// <summary>
    /// Assigned at a management group, while the hierarchy does not say whether the scope lies below it (a
    /// subscription or management group whose parent is not in the export).
    /// </summary>
    Unknown,
}
