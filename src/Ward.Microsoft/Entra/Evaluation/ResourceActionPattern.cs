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
        return granted.Length >= 2 && asked.Length >= 2 && Same(granted[0], asked[0]) && Match(granted, 1, asked, 1);
    }

    // Entities may span segments (`accessReviews/definitions.groups`, `attackSimulator/payload`): `allEntities` stands
    // for one or more; `allProperties` for one property set, or none before `allTasks` (the entity's own operations:
    // create, delete); `allTasks` for whatever operation remains.
    private static bool Match(string[] granted, int i, string[] asked, int j)
    {
        if (i == granted.Length)
        {
            return j == asked.Length;
        }

        var token = granted[i];
        if (IsAny(token, "allTasks"))
        {
            return i == granted.Length - 1 ? j < asked.Length : j < asked.Length && Match(granted, i + 1, asked, j + 1);
        }

        if (IsAny(token, "allEntities"))
        {
            for (var end = j + 1; end <= asked.Length; end++)
            {
                if (Match(granted, i + 1, asked, end))
                {
                    return true;
                }
            }

            return false;
        }

        if (IsAny(token, "allProperties"))
        {
            return (j < asked.Length && Match(granted, i + 1, asked, j + 1)) || Match(granted, i + 1, asked, j);
        }

        return j < asked.Length && Same(token, asked[j]) && Match(granted, i + 1, asked, j + 1);
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool IsAny(string segment, string keyword) => segment == "*" || Same(segment, keyword);
}
