namespace Ward.Microsoft.Azure.Rbac;

/// <summary>A principal a deny assignment names (or excludes).</summary>
public sealed record DenyPrincipal(string Id, string? Type)
{
    /// <summary>The all-zero object id that, with type <c>Everyone</c>, stands for every principal.</summary>
    public const string EveryoneId = "00000000-0000-0000-0000-000000000000";

    /// <summary>A group (or a group of another tenant): who it holds is the directory's to say.</summary>
    public bool IsGroup => string.Equals(Type, "Group", StringComparison.OrdinalIgnoreCase) || string.Equals(Type, "ForeignGroup", StringComparison.OrdinalIgnoreCase);

    public bool IsEveryone =>
        string.Equals(Id, EveryoneId, StringComparison.OrdinalIgnoreCase) || string.Equals(Type, "Everyone", StringComparison.OrdinalIgnoreCase);
}
