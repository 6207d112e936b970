namespace Ward.Aws.Catalog;

/// <summary>The access levels of the AWS Service Authorization Reference.</summary>
public enum AccessLevel
{
    List,
    Read,
    Write,
    PermissionsManagement,
    Tagging,
}

public static class AccessLevels
{
    public static bool TryParse(string text, out AccessLevel level)
    {
        switch (text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant())
        {
            case "list":
                level = AccessLevel.List;
                return true;
            case "read":
                level = AccessLevel.Read;
                return true;
            case "write":
                level = AccessLevel.Write;
                return true;
            case "permissionsmanagement" or "permissions":
                level = AccessLevel.PermissionsManagement;
                return true;
            case "tagging":
                level = AccessLevel.Tagging;
                return true;
            default:
                level = default;
                return false;
        }
    }

    public static string Display(this AccessLevel level) => level switch
    {
        AccessLevel.PermissionsManagement => "Permissions management",
        _ => level.ToString(),
    };
}
