namespace Ward.Analysis.Rules.Privileged;

/// <summary>How a directory role assignment is held at the reference time.</summary>
internal enum RoleHoldState
{
    /// <summary>Active with no end: a plain role assignment, or a PIM schedule instance <c>Assigned</c> without an end.</summary>
    Permanent,

    /// <summary>Active until an end date (a PIM schedule instance <c>Assigned</c> with an end).</summary>
    TimeBound,

    /// <summary>Active through a PIM activation of an eligibility (a schedule instance <c>Activated</c>).</summary>
    Activated,

    /// <summary>PIM-eligible: one activation away.</summary>
    Eligible,
}
