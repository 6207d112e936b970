namespace Ward.Gcp.Policy.Evaluation;

/// <summary>How a binding's member stands to the principal asked about.</summary>
internal enum MemberMatchKind
{
    No,

    /// <summary>Only if a membership Ward does not know holds (a group, a pool's group or attribute).</summary>
    Possibly,
    Yes,
}

/// <summary>The result of matching a member: for a match other than by name, how (<see cref="How"/>); for a possible one, what must hold.</summary>
internal readonly record struct MemberMatch(MemberMatchKind Kind, string? How = null, string? Requirement = null)
{
    public static MemberMatch No { get; } = new(MemberMatchKind.No);

    public static MemberMatch Named { get; } = new(MemberMatchKind.Yes);

    public static MemberMatch Through(string how) => new(MemberMatchKind.Yes, how);

    public static MemberMatch If(string requirement) => new(MemberMatchKind.Possibly, Requirement: requirement);
}
