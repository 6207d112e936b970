namespace Ward.Gcp.Policy.Conditions;

public enum ConditionTruth
{
    True,
    False,

    /// <summary>Ward cannot tell: the condition uses what it does not know or evaluate, or could not be parsed.</summary>
    Undecided,
}
