namespace Ward.Analysis.Rules.Unused;

/// <summary>
/// IAM's tracking period for a role's last use (<c>RoleLastUsed</c>) and for service last accessed data: the trailing
/// 400 days. No recorded use means none within that period, not none ever.
/// </summary>
internal static class IamTracking
{
    /// <summary>The days IAM looks back when it records a role's or a service's last use.</summary>
    public const int Days = 400;

    /// <summary>
    /// Whether no recorded use proves that the principal (created at least <paramref name="days"/> before the reference
    /// time) has not been used for <paramref name="days"/>: only when the tracking period covers them. A longer
    /// threshold reaches before the period, where a use would not show.
    /// </summary>
    public static bool NoUseCovers(int days) => days <= Days;
}
