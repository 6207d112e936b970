namespace Ward.Aws.Policy.Evaluation;

public enum KeyState
{
    Present,
    Absent,

    /// <summary>Nobody said whether the key is in the request (open contexts only).</summary>
    Unknown,
}
