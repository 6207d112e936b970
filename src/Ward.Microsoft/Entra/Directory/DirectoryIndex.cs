namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// The lookups of one <see cref="EntraDirectory"/>, built from its collections (ids compared ignoring case). Plain
/// dictionaries: a tenant's hundreds of thousands of ids are indexed once per scan, and freezing them cost more than
/// their lookups saved.
/// </summary>
internal sealed class DirectoryIndex
{
    private readonly EntraDirectory _source;
    private readonly Task<GroupMembershipGraph> _membership;

    public DirectoryIndex(EntraDirectory directory)
    {
        _source = directory;

        // The membership graph takes longest (a tenant's users are in tens of thousands of groups): it is built on
        // another core while the lookups are, and waited for only when asked.
        _membership = Task.Run(() => GroupMembershipGraph.Build(directory.Groups, directory.PrivilegedGroupAssignments));
        Users = ById(directory.Users, u => u.Id);
        Groups = ById(directory.Groups, g => g.Id);
        AdministrativeUnits = ById(directory.AdministrativeUnits, a => a.Id);
        ServicePrincipals = ById(directory.ServicePrincipals, s => s.Id);
        ServicePrincipalsByAppId = ById(directory.ServicePrincipals, s => s.AppId);
        Applications = ById(directory.Applications, a => a.Id);
        Devices = ById(directory.Devices, d => d.Id);
        ApplicationsByAppId = ById(directory.Applications, a => a.AppId);

        var roles = new Dictionary<string, DirectoryRoleDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var role in directory.RoleDefinitions)
        {
            roles.TryAdd(role.Id, role);
        }

        foreach (var role in directory.RoleDefinitions.Where(r => r.TemplateId is not null))
        {
            roles.TryAdd(role.TemplateId!, role);
        }

        RoleDefinitions = roles;

        var kinds = new Dictionary<string, DirectoryObjectKind>(StringComparer.OrdinalIgnoreCase);
        Add(kinds, directory.Users.Select(u => u.Id), DirectoryObjectKind.User);
        Add(kinds, directory.Groups.Select(g => g.Id), DirectoryObjectKind.Group);
        Add(kinds, directory.ServicePrincipals.Select(s => s.Id), DirectoryObjectKind.ServicePrincipal);
        Add(kinds, directory.Applications.Select(a => a.Id), DirectoryObjectKind.Application);
        Add(kinds, directory.AdministrativeUnits.Select(a => a.Id), DirectoryObjectKind.AdministrativeUnit);
        Kinds = kinds;
    }

    public IReadOnlyDictionary<string, EntraUser> Users { get; }

    public IReadOnlyDictionary<string, EntraGroup> Groups { get; }

    public IReadOnlyDictionary<string, AdministrativeUnit> AdministrativeUnits { get; }

    public IReadOnlyDictionary<string, EntraServicePrincipal> ServicePrincipals { get; }

    public IReadOnlyDictionary<string, EntraServicePrincipal> ServicePrincipalsByAppId { get; }

    public IReadOnlyDictionary<string, EntraApplication> Applications { get; }

    public IReadOnlyDictionary<string, EntraApplication> ApplicationsByAppId { get; }

    public IReadOnlyDictionary<string, EntraDevice> Devices { get; }

    public IReadOnlyDictionary<string, DirectoryRoleDefinition> RoleDefinitions { get; }

    public IReadOnlyDictionary<string, DirectoryObjectKind> Kinds { get; }

    public GroupMembershipGraph Membership => _membership.GetAwaiter().GetResult();

    /// <summary>Whether the index still describes the directory (a copy made with <c>with</c> may hold other collections).</summary>
    public bool IsFor(EntraDirectory directory) =>
        ReferenceEquals(_source, directory)
        || (directory.Users == _source.Users && directory.Groups == _source.Groups && directory.AdministrativeUnits == _source.AdministrativeUnits
            && directory.ServicePrincipals == _source.ServicePrincipals && directory.Applications == _source.Applications && directory.Devices == _source.Devices
            && directory.RoleDefinitions == _source.RoleDefinitions && directory.PrivilegedGroupAssignments == _source.PrivilegedGroupAssignments);

    private static Dictionary<string, T> ById<T>(IEnumerable<T> items, Func<T, string> key)
    {
        var byId = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            // The loader has already reported duplicates; the first one wins, as there.
            byId.TryAdd(key(item), item);
        }

        return byId;
    }

    private static void Add(Dictionary<string, DirectoryObjectKind> kinds, IEnumerable<string> ids, DirectoryObjectKind kind)
    {
        foreach (var id in ids)
        {
            kinds.TryAdd(id, kind);
        }
    }
}
