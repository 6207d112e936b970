namespace Ward.Gcp.Iam;

/// <summary>
/// Full and relative resource names. A full name is <c>//SERVICE/RELATIVE</c>
/// (<c>//cloudresourcemanager.googleapis.com/projects/123</c>); the hierarchy's containers are named by
/// Resource Manager.
/// </summary>
public static class ResourceNames
{
    public const string ResourceManager = "//cloudresourcemanager.googleapis.com/";

    /// <summary>The relative name of a full name (the part after the service); a relative name is returned as is.</summary>
    public static string Relative(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.StartsWith("//", StringComparison.Ordinal) ? RelativeSpan(name).ToString() : name;
    }

    private static ReadOnlySpan<char> RelativeSpan(string name)
    {
        if (!name.StartsWith("//", StringComparison.Ordinal))
        {
            return name;
        }

        var slash = name.IndexOf('/', 2);
        return slash < 0 ? [] : name.AsSpan(slash + 1);
    }

    /// <summary>The full Resource Manager name of a container's relative name (<c>folders/456</c>).</summary>
    public static string Container(string relativeName) => ResourceManager + relativeName;

    /// <summary>The kind of container a relative or full Resource Manager name names, if it is one.</summary>
    public static HierarchyNodeKind? ContainerKind(string name)
    {
        if (name.StartsWith("//", StringComparison.Ordinal) && !name.StartsWith(ResourceManager, StringComparison.Ordinal))
        {
            return null;
        }

        // Read in place: evaluators ask it of every binding they explain.
        var relative = RelativeSpan(name);
        var slash = relative.IndexOf('/');
        if (slash < 0 || slash == relative.Length - 1 || relative[(slash + 1)..].Contains('/'))
        {
            return null;
        }

        return relative[..slash] switch
        {
            "organizations" => HierarchyNodeKind.Organization,
            "folders" => HierarchyNodeKind.Folder,
            "projects" => HierarchyNodeKind.Project,
            _ => null,
        };
    }
}
