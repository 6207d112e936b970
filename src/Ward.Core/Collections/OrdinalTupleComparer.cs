namespace Ward.Core.Collections;

/// <summary>Tuples of texts compared ordinally, hashed with <see cref="OrdinalHash"/> (the default comparer hashes each text with the randomized string hash).</summary>
public sealed class OrdinalTupleComparer : IEqualityComparer<(string, string)>, IEqualityComparer<(string, string, string)>
{
    public static readonly OrdinalTupleComparer Instance = new();

    public bool Equals((string, string) x, (string, string) y) =>
        string.Equals(x.Item1, y.Item1, StringComparison.Ordinal) && string.Equals(x.Item2, y.Item2, StringComparison.Ordinal);

    public int GetHashCode((string, string) obj) => OrdinalHash.Of(obj.Item1, obj.Item2);

    public bool Equals((string, string, string) x, (string, string, string) y) =>
        string.Equals(x.Item1, y.Item1, StringComparison.Ordinal) && string.Equals(x.Item2, y.Item2, StringComparison.Ordinal) && string.Equals(x.Item3, y.Item3, StringComparison.Ordinal);

    public int GetHashCode((string, string, string) obj) => OrdinalHash.Of(obj.Item1, obj.Item2, obj.Item3);
}
