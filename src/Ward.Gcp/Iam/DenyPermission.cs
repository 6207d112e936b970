namespace Ward.Gcp.Iam;

/// <summary>
/// A permission as deny policies write it, <c>SERVICE_FQDN/RESOURCE.ACTION</c> (<c>storage.googleapis.com/buckets.delete</c>),
/// where the resource or the action may be <c>*</c>; matched against the permission names roles use
/// (<c>storage.buckets.delete</c>).
/// </summary>
public readonly record struct DenyPermission(string Service, string Resource, string Action)
{
    /// <summary>Parses the v2 form; false when the text is not of it.</summary>
    public static bool TryParse(string text, out DenyPermission permission)
    {
        ArgumentNullException.ThrowIfNull(text);
        permission = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return false;
        }

        var host = text[..slash];
        var rest = text[(slash + 1)..];
        var dot = rest.LastIndexOf('.');
        if (!host.EndsWith(".googleapis.com", StringComparison.Ordinal) || dot <= 0 || dot == rest.Length - 1)
        {
            return false;
        }

        permission = new DenyPermission(ServiceOf(host[..^".googleapis.com".Length]), rest[..dot], rest[(dot + 1)..]);
        return true;
    }

    /// <summary>Whether it covers an allow-policy permission (<c>service.resource.action</c>).</summary>
    public bool Covers(string permission)
    {
        ArgumentNullException.ThrowIfNull(permission);
        var first = permission.IndexOf('.', StringComparison.Ordinal);
        var last = permission.LastIndexOf('.');
        if (first <= 0 || last <= first)
        {
            return false;
        }

        return string.Equals(permission[..first], Service, StringComparison.Ordinal)
            && (Resource == "*" || string.Equals(permission[(first + 1)..last], Resource, StringComparison.Ordinal))
            && (Action == "*" || string.Equals(permission[(last + 1)..], Action, StringComparison.Ordinal));
    }

    public override string ToString() => $"{Service}.{Resource}.{Action}";

    // Permission names drop `cloud` from the Resource Manager's host: cloudresourcemanager.googleapis.com/projects.delete
    // is resourcemanager.projects.delete.
    private static string ServiceOf(string host) => host == "cloudresourcemanager" ? "resourcemanager" : host;
}
