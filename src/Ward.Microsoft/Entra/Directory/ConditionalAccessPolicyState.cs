namespace Ward.Microsoft.Entra.Directory;

/// <summary>A conditional access policy's <c>state</c>.</summary>
public enum ConditionalAccessPolicyState
{
    Unknown,
    Enabled,
    Disabled,

    /// <summary>Report-only: evaluated and logged, not enforced.</summary>
    EnabledForReportingButNotEnforced,
}
