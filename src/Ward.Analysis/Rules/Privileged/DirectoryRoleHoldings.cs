using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Ward.Microsoft.Entra.Catalog;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.Privileged;

/// <summary>
/// Who holds which directory role at the reference time, tiered, worked out once per scan for the privileged-access
/// rules: active assignments (<c>roleAssignments</c> and PIM assignment schedule instances, one per principal, role
/// and scope) and eligibilities in force, held directly or through a role-assignable group (its members, and the
/// principals eligible for its membership through PIM for Groups).
/// </summary>
internal sealed class DirectoryRoleHoldings
{
    private static readonly ConditionalWeakTable<MicrosoftAnalysisContext, DirectoryRoleHoldings> Cache = [];

    private readonly MicrosoftAnalysisContext _context;
    private readonly ILookup<string, RoleGrant> _byPrincipal;
    private readonly LapsedRoleAssignments _lapsed;

    private DirectoryRoleHoldings(MicrosoftAnalysisContext context)
    {
        _context = context;
        var directory = context.Directory;
        HasScheduleData = !directory.RoleAssignmentScheduleInstances.IsEmpty;
        _lapsed = new LapsedRoleAssignments(directory, context.ReferenceTime);
        Grants = [.. Active(context).Concat(Eligible(context)).OrderBy(g => g.PrincipalId, StringComparer.Ordinal).ThenBy(g => g.Assignment.Id, StringComparer.Ordinal)];
        _byPrincipal = Grants.ToLookup(g => g.PrincipalId, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Whether the export holds PIM assignment schedule instances (what tells permanent from time-bound and activated).</summary>
    public bool HasScheduleData { get; }

    /// <summary>Every assignment and eligibility in force, to principals and groups alike.</summary>
    public ImmutableArray<RoleGrant> Grants { get; }

    public static DirectoryRoleHoldings Of(MicrosoftAnalysisContext context) => Cache.GetValue(context, c => new DirectoryRoleHoldings(c));

    /// <summary>Whether a <c>roleAssignments</c> entry's assignment lapsed before the reference time (<see cref="LapsedRoleAssignments"/>).</summary>
    public bool HasLapsed(DirectoryRoleAssignment assignment) => _lapsed.Contains(assignment);

    /// <summary>The principals holding a role, themselves or through a group (groups included), sorted.</summary>
    public IEnumerable<string> Holders()
    {
        var directory = _context.Directory;
        var holders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var principal in _byPrincipal.Select(g => g.Key))
        {
            holders.Add(principal);
            if (directory.FindGroup(principal) is not null)
            {
                holders.UnionWith(_context.Edges.Membership.MembersOf(principal));
                holders.UnionWith(directory.PrivilegedGroupAssignments
                    .Where(p => p is { Access: GroupAccessType.Member, State: AssignmentState.Eligible } && string.Equals(p.GroupId, principal, StringComparison.OrdinalIgnoreCase) && InForce(p.StartDateTime, p.EndDateTime, _context.ReferenceTime))
                    .Select(p => p.PrincipalId));
            }
        }

        return holders;
    }

    /// <summary>The roles a principal holds itself, then through its groups.</summary>
    public ImmutableArray<HeldRole> HeldBy(string principalId)
    {
        var directory = _context.Directory;
        var held = _byPrincipal[principalId].Select(g => new HeldRole(g, null, false)).ToList();

        // Few groups hold a role: the active memberships are looked at only when one does.
        HashSet<string>? member = null;
        foreach (var group in directory.TransitiveGroupsOf(principalId, includeEligible: true))
        {
            if (!_byPrincipal.Contains(group))
            {
                continue;
            }

            member ??= directory.TransitiveGroupsOf(principalId).ToHashSet(StringComparer.OrdinalIgnoreCase);
            held.AddRange(_byPrincipal[group].Select(g => new HeldRole(g, group, !member.Contains(group))));
        }

        return [.. held];
    }

    /// <summary><c>Global Administrator (Tier 0, PRIVILEGED), tenant-wide, active with no end, through role-assignable group `Tier0 Admins` (assignment `…`)</c>.</summary>
    public string Describe(HeldRole held)
    {
        var role = held.Grant.Role;
        var label = role.MicrosoftPrivileged ? $"{role.TierLabel}, PRIVILEGED" : role.TierLabel;
        var through = held.GroupId is { } group
            ? $", through {(held.EligibleMembership ? "a PIM-eligible membership of " : string.Empty)}group `{_context.NameOf(group) ?? group}`"
            : string.Empty;
        var kind = held.Grant.State == RoleHoldState.Eligible ? "eligibility" : "assignment";
        return $"{role.Name} ({label}), {ScopeOf(held.Grant.Assignment.DirectoryScope)}, {StateOf(held.Grant)}{through} ({kind} `{held.Grant.Assignment.Id}`)";
    }

    /// <summary><c>tenant-wide</c>, <c>over administrative unit `Stores EU`</c>, <c>over `Cafeteria Menu` only</c>.</summary>
    public string ScopeOf(DirectoryScope scope) => scope.Kind switch
    {
        DirectoryScopeKind.Tenant => "tenant-wide",
        DirectoryScopeKind.AdministrativeUnit => $"over administrative unit `{_context.NameOf(scope.Id!) ?? scope.Id}`",
        DirectoryScopeKind.DirectoryObject => $"over `{_context.NameOf(scope.Id!) ?? scope.Id}` only",
        DirectoryScopeKind.AppScope => $"at the app-specific scope `{scope.Text}` only (`appScopeId`: what it reaches is defined by one application, not the directory)",
        _ => $"at `{scope.Text}`",
    };

    public static string StateOf(RoleGrant grant) => (grant.State, grant.End) switch
    {
        (RoleHoldState.Permanent, _) => "active with no end",
        (RoleHoldState.TimeBound, { } end) => $"active until {Elapsed.Day(end)}",
        (RoleHoldState.Activated, { } end) => $"active through a PIM activation until {Elapsed.Day(end)}",
        (RoleHoldState.Activated, null) => "active through a PIM activation",
        (RoleHoldState.Eligible, { } end) => $"PIM-eligible until {Elapsed.Day(end)}",
        _ => "PIM-eligible with no end",
    };

    /// <summary>The group, user or service principal, as explanations name its kind.</summary>
    public string KindOf(string principalId)
    {
        var directory = _context.Directory;
        if (directory.FindUser(principalId) is { } user)
        {
            return IsGuest(user) ? "guest user" : "member user";
        }

        return directory.FindGroup(principalId) is { } group ? (group.IsAssignableToRole ? "role-assignable group" : "group")
            : directory.FindServicePrincipal(principalId) is not null ? "service principal"
            : "principal the export does not list (deleted, or not exported)";
    }

    /// <summary>A guest: <c>userType</c> Guest, or a user principal name of an external account (<c>#EXT#</c>).</summary>
    public static bool IsGuest(EntraUser user) => user.IsGuest;

    // Active assignments: roleAssignments and the PIM schedule instances describe the same assignments; the instance,
    // where there is one, tells how the assignment is held. A plain roleAssignments entry has no end.
    private static IEnumerable<RoleGrant> Active(MicrosoftAnalysisContext context)
    {
        var directory = context.Directory;
        var instances = directory.RoleAssignmentScheduleInstances.Where(a => !IsThroughGroup(a))
            .GroupBy(Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.FirstOrDefault(a => a.IsInForceAt(context.ReferenceTime)) ?? g.First(), StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var assignment in directory.RoleAssignments.Where(a => !IsThroughGroup(a)).Concat(instances.Values))
        {
            var key = Key(assignment);
            if (!seen.Add(key))
            {
                continue;
            }

            var instance = instances.GetValueOrDefault(key);
            if (instance is not null && !InForce(instance.StartDateTime, instance.EndDateTime, context.ReferenceTime))
            {
                continue;
            }

            var state = instance switch
            {
                null or { EndDateTime: null, AssignmentType: not "Activated" } => RoleHoldState.Permanent,
                { AssignmentType: "Activated" } => RoleHoldState.Activated,
                _ => RoleHoldState.TimeBound,
            };
            yield return new RoleGrant(assignment, DirectoryRoleTiers.Of(directory, assignment.RoleDefinitionId), state, instance?.EndDateTime, instance is not null);
        }
    }

    // Eligibilities in force: the instances (as of the export), and the schedules no instance stands for.
    private static IEnumerable<RoleGrant> Eligible(MicrosoftAnalysisContext context)
    {
        var directory = context.Directory;
        return directory.RoleEligibilities.Where(a => !IsThroughGroup(a) && InForce(a.StartDateTime, a.EndDateTime, context.ReferenceTime))
            .DistinctBy(Key, StringComparer.OrdinalIgnoreCase)
            .Select(a => new RoleGrant(a, DirectoryRoleTiers.Of(directory, a.RoleDefinitionId), RoleHoldState.Eligible, a.EndDateTime));
    }

    // An instance a user holds through a group repeats the group's own, which is expanded here.
    private static bool IsThroughGroup(DirectoryRoleAssignment assignment) => LapsedRoleAssignments.IsThroughGroup(assignment);

    private static string Key(DirectoryRoleAssignment assignment) => LapsedRoleAssignments.ScheduleKey(assignment);

    /// <summary>Whether an assignment or eligibility has started and not ended at the reference time.</summary>
    public static bool InForce(DateTimeOffset? start, DateTimeOffset? end, DateTimeOffset reference) =>
        (start is not { } from || from <= reference) && (end is not { } until || until > reference);
}
