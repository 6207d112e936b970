namespace Ward.Gcp.Iam;

/// <summary>The launch stage of a role (<c>RoleLaunchStage</c>).</summary>
public enum RoleStage
{
    /// <summary>Not given. Google omits the stage of ALPHA roles, so an absent stage may mean ALPHA.</summary>
    Unspecified,
    Alpha,
    Beta,
    GA,
    Deprecated,

    /// <summary>A disabled role contributes no permission to the principals it is granted to.</summary>
    Disabled,
    EAP,
}
