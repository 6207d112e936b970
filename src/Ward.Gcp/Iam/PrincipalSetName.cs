namespace Ward.Gcp.Iam;

/// <summary>
/// The target of a principal access boundary policy binding, parsed: <c>//cloudresourcemanager.googleapis.com/organizations/ORG</c>
/// (<c>folders/…</c>, <c>projects/…</c>), <c>//iam.googleapis.com/locations/global/workforcePools/POOL</c>,
/// <c>//iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/POOL</c> or
/// <c>//iam.googleapis.com/locations/global/workspace/CUSTOMER_ID</c>.
/// </summary>
/// <param name="Kind">Which kind of principal set it is.</param>
/// <param name="Id">The container's relative name (<c>projects/my-project</c>), the pool's relative name (<c>locations/global/workforcePools/POOL</c>) or the customer id.</param>
public readonly record struct PrincipalSetName(PrincipalSetKind Kind, string Id)
{
    private const string Iam = "//iam.googleapis.com/";

    public static bool TryParse(string text, out PrincipalSetName name)
    {
        ArgumentNullException.ThrowIfNull(text);
        name = default;
        if (ResourceNames.ContainerKind(text) is { } container && text.StartsWith(ResourceNames.ResourceManager, StringComparison.Ordinal))
        {
            var kind = container switch
            {
                HierarchyNodeKind.Organization => PrincipalSetKind.Organization,
                HierarchyNodeKind.Folder => PrincipalSetKind.Folder,
                _ => PrincipalSetKind.Project,
            };
            name = new PrincipalSetName(kind, ResourceNames.Relative(text));
            return true;
        }

        if (!text.StartsWith(Iam, StringComparison.Ordinal))
        {
            return false;
        }

        var relative = text[Iam.Length..];
        switch (relative.Split('/'))
        {
            case ["locations", { Length: > 0 }, "workforcePools", { Length: > 0 }]:
                name = new PrincipalSetName(PrincipalSetKind.WorkforcePool, relative);
                return true;
            case ["projects", { Length: > 0 }, "locations", { Length: > 0 }, "workloadIdentityPools", { Length: > 0 }]:
                name = new PrincipalSetName(PrincipalSetKind.WorkloadPool, relative);
                return true;
            case ["locations", { Length: > 0 }, "workspace", { Length: > 0 } customer]:
                name = new PrincipalSetName(PrincipalSetKind.Workspace, customer);
                return true;
            default:
                return false;
        }
    }
}
