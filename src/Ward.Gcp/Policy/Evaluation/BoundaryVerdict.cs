namespace Ward.Gcp.Policy.Evaluation;

/// <summary>What one principal access boundary policy makes of a request.</summary>
internal enum BoundaryVerdict
{
    /// <summary>Its rules list the resource or a resource above it.</summary>
    Eligible,

    /// <summary>Its enforcement version cannot block the permission.</summary>
    CannotBlock,

    /// <summary>It blocks: the resource is not eligible and the permission can be blocked.</summary>
    Blocks,

    /// <summary>Ward cannot tell (the policy was not exported, its version's reach or the resource's place is unknown).</summary>
    Unknown,
}
