namespace Ward.Microsoft.Azure.Rbac;

public enum AzureInputKind
{
    /// <summary>A file holding Azure RBAC or hierarchy entries (several kinds may share a file).</summary>
    Read,

    /// <summary>An empty list (<c>[]</c> or <c>{"value": []}</c>): read, nothing in it.</summary>
    Empty,
    Unrecognized,
    Unreadable,
}
