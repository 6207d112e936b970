namespace Ward.Aws.Policy.Evaluation;

/// <summary>Three-valued truth: a condition on an unknown key is neither true nor false.</summary>
public enum Tri
{
    False,
    True,
    Unknown,
}

public static class TriExtensions
{
    public static Tri And(this Tri left, Tri right) =>
        left == Tri.False || right == Tri.False ? Tri.False
        : left == Tri.Unknown || right == Tri.Unknown ? Tri.Unknown
        : Tri.True;

    public static Tri ToTri(this bool value) => value ? Tri.True : Tri.False;
}
