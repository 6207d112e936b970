namespace Ward.Microsoft.Entra.Evaluation;

/// <summary>
/// Matches directory role permissions (<c>allowedResourceActions</c>) against a resource action, both of the form
/// <c>{namespace}/{entity}/{propertySet}/{action}</c> or <c>{namespace}/{entity}/{action}</c>
/// (<c>microsoft.directory/users/password/update</c>, <c>microsoft.directory/applications/create</c>).
/// </summary>
/// <remarks>
/// Microsoft Graph, unifiedRolePermission: <c>allEntities</c> stands for every entity of the namespace,
/// <c>allProperties</c> for every property set (privileged ones included), and <c>allTasks</c> for every operation;
/// other property sets (<c>basic</c>, <c>standard</c>, <c>password</c>...) and operations match only themselves.
/// Comparison is case-insensitive. A bare <c>*</c> segment is read as "any" for custom exports that use it.
/// </remarks>
public static class ResourceActionPattern
{
    public static bool Matches(string pattern, string action)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(action);
        var granted = pattern.Split('/');
        var asked = action.Split('/');
        if (granted.Length < 3 || asked.Length < 3 || !Same(granted[0], asked[0]))
        {
            return false;
        }

        if (!Same(granted[1], asked[1]) && !IsAny(granted[1], "allEntities"))
        {
            return false;
        }

        // What follows the entity: [propertySet/]operation on both sides.
        var grantedRest = granted[2..];
        var askedRest = asked[2..];
        if (grantedRest is [var task] && IsAny(task, "allTasks"))
        {
            return true;
        }

        return (grantedRest, askedRest) switch
        {
            ([var properties, var operation], [var property, var askedOperation]) =>
                (Same(properties, property) || IsAny(properties, "allProperties")) && (Same(operation, askedOperation) || IsAny(operation, "allTasks")),

            // allProperties/allTasks covers the entity's own operations too (create, delete, restore...).
            ([var properties, var operation], [_]) => IsAny(properties, "allProperties") && IsAny(operation, "allTasks"),
            ([var operation], [var askedOperation]) => Same(operation, askedOperation),
            _ => false,
        };
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool IsAny(string segment, string keyword) => segment == "*" || Same(segment, keyword);
}
