namespace Ward.Analysis.Rules.Privileged;

/// <summary>
/// A role a principal holds: its own assignment, or its group's (<paramref name="GroupId"/>), possibly through a PIM
/// for Groups membership it must activate first (<paramref name="EligibleMembership"/>).
/// </summary>
internal sealed record HeldRole(RoleGrant Grant, string? GroupId, bool EligibleMembership)
{
    /// <summary>Eligible when the assignment or the membership that carries it must be activated.</summary>
    public RoleHoldState State => EligibleMembership ? RoleHoldState.Eligible : Grant.State;
}
