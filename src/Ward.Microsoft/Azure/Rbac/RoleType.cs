namespace Ward.Microsoft.Azure.Rbac;

public enum RoleType
{
    BuiltInRole,
    CustomRole,

    /// <summary>The export did not say (or said something else).</summary>
    Unknown,
}
