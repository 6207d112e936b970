using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.Ingest;

/// <summary>
/// Collects what the pages hold, then checks paging, merges pages and duplicates, attaches relations to their parents
/// and reports dangling ids, in that order, into an <see cref="EntraDirectory"/>.
/// </summary>
internal sealed partial class EntraDirectoryBuilder(DiagnosticBag diagnostics)
{
    private readonly List<GraphPage> _pages = [];
    private readonly List<(string Id, string? Name, SourceLocation Location)> _organizations = [];
    private readonly List<VerifiedDomain> _domains = [];
    private readonly List<Entry<EntraUser>> _users = [];
    private readonly List<Entry<EntraGroup>> _groups = [];
    private readonly List<Entry<AdministrativeUnit>> _units = [];
    private readonly List<Entry<DirectoryRoleDefinition>> _roles = [];
    private readonly Dictionary<RoleAssignmentSource, List<Entry<DirectoryRoleAssignment>>> _assignments = Enum.GetValues<RoleAssignmentSource>().ToDictionary(s => s, _ => new List<Entry<DirectoryRoleAssignment>>());
    private readonly List<Entry<PrivilegedGroupAssignment>> _groupAssignments = [];
    private readonly List<Entry<PrivilegedGroupAssignment>> _groupEligibilitySchedules = [];
    private readonly List<Entry<RoleManagementPolicyAssignment>> _policyAssignments = [];
    private readonly List<Entry<EntraApplication>> _applications = [];
    private readonly List<Entry<EntraServicePrincipal>> _servicePrincipals = [];
    private readonly List<Entry<AppRoleAssignment>> _appRoleAssignments = [];
    private readonly List<Entry<OAuth2PermissionGrant>> _grants = [];
    private readonly List<Entry<ConditionalAccessPolicy>> _policies = [];
    private readonly List<Entry<AuthorizationPolicy>> _authorizationPolicies = [];
    private readonly List<Entry<SecurityDefaultsPolicy>> _securityDefaults = [];
    private readonly List<Entry<UserRegistrationDetails>> _registrations = [];
    private readonly List<(string AppId, ServicePrincipalSignInActivity Activity, SourceLocation Location)> _signIns = [];
    private readonly List<Entry<EntraDevice>> _devices = [];
    private readonly List<Entry<IntuneManagedDevice>> _managedDevices = [];
    private readonly SortedDictionary<(GraphCollection Relation, string Parent), Relation> _relations = [];
    private readonly SortedDictionary<string, (List<FederatedIdentityCredential> Credentials, SourceLocation Location)> _federated = new(StringComparer.Ordinal);
    private bool _fromAzureHound;

    /// <summary>Reads the items of one page into the collections; bad items are reported and skipped.</summary>
    public void Add(GraphPage page, GraphJson json)
    {
        _pages.Add(page);
        _fromAzureHound = page.FromAzureHound;
        // Looked up once per page, not per member: the relations are kept sorted, and a tenant's pages hold 100,000s of members.
        // An empty page still says the list was exported (and is empty), unlike a list never exported.
        var relation = page.Collection is GraphCollection.GroupMembers or GraphCollection.GroupTransitiveMembers or GraphCollection.GroupOwners
            or GraphCollection.ApplicationOwners or GraphCollection.ServicePrincipalOwners or GraphCollection.AdministrativeUnitMembers
            or GraphCollection.DeviceRegisteredOwners or GraphCollection.DeviceRegisteredUsers
            ? RelationFor(page)
            : null;

        if (page.Collection is GraphCollection.FederatedIdentityCredentials && !_federated.ContainsKey(page.Parent!))
        {
            // Likewise: an application whose list is empty has no federated credential, as far as the export goes.
            _federated[page.Parent!] = ([], new SourceLocation(page.File, JsonPath.Root));
        }

        foreach (var (item, path) in page.Items)
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                json.Report(EntraDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"expected an object, found {GraphJson.Describe(item.ValueKind)}; skipped", path);
                continue;
            }

            switch (page.Collection)
            {
                case GraphCollection.Organization:
                    if (DirectoryObjectReader.Organization(item, path, json) is { } organization)
                    {
                        _organizations.Add((organization.Id, organization.DisplayName, json.At(path)));
                        _domains.AddRange(DirectoryObjectReader.VerifiedDomains(item, path, json));
                    }

                    break;
                case GraphCollection.Users:
                    Keep(_users, DirectoryObjectReader.User(item, path, json, signInActivitySelected: page.Selected.Contains("signInActivity", StringComparer.OrdinalIgnoreCase)), u => u.Id, item, json, path);
                    break;
                case GraphCollection.Groups:
                    Keep(_groups, DirectoryObjectReader.Group(item, path, json), g => g.Id, item, json, path);
                    break;
                case GraphCollection.AdministrativeUnits:
                    Keep(_units, DirectoryObjectReader.AdministrativeUnit(item, path, json), a => a.Id, item, json, path);
                    break;
                case GraphCollection.RoleDefinitions:
                    Keep(_roles, RoleManagementReader.Definition(item, path, json), r => r.Id, item, json, path);
                    break;
                case GraphCollection.RoleAssignments:
                    Keep(_assignments[RoleAssignmentSource.RoleAssignment], RoleManagementReader.Assignment(item, path, json, RoleAssignmentSource.RoleAssignment), a => a.Id, item, json, path);
                    break;
                case GraphCollection.RoleAssignmentScheduleInstances:
                    Keep(_assignments[RoleAssignmentSource.AssignmentScheduleInstance], RoleManagementReader.Assignment(item, path, json, RoleAssignmentSource.AssignmentScheduleInstance), a => a.Id, item, json, path);
                    break;
                case GraphCollection.RoleEligibilitySchedules:
                    Keep(_assignments[RoleAssignmentSource.EligibilitySchedule], RoleManagementReader.Assignment(item, path, json, RoleAssignmentSource.EligibilitySchedule), a => a.Id, item, json, path);
                    break;
                case GraphCollection.RoleEligibilityScheduleInstances:
                    Keep(_assignments[RoleAssignmentSource.EligibilityScheduleInstance], RoleManagementReader.Assignment(item, path, json, RoleAssignmentSource.EligibilityScheduleInstance), a => a.Id, item, json, path);
                    break;
                case GraphCollection.GroupEligibilityScheduleInstances:
                    Keep(_groupAssignments, RoleManagementReader.GroupAssignment(item, path, json, AssignmentState.Eligible), a => "eligible " + a.Id, item, json, path);
                    break;
                case GraphCollection.GroupEligibilitySchedules:
                    Keep(_groupEligibilitySchedules, RoleManagementReader.GroupAssignment(item, path, json, AssignmentState.Eligible), a => "eligible schedule " + a.Id, item, json, path);
                    break;
                case GraphCollection.GroupAssignmentScheduleInstances:
                    Keep(_groupAssignments, RoleManagementReader.GroupAssignment(item, path, json, AssignmentState.Active), a => "active " + a.Id, item, json, path);
                    break;
                case GraphCollection.RoleManagementPolicyAssignments:
                    Keep(_policyAssignments, page.FromAzureHound ? RoleManagementPolicyReader.AzureHoundAssignment(item, path, json) : RoleManagementPolicyReader.Assignment(item, path, json), a => a.Id, item, json, path);
                    break;
                case GraphCollection.Applications:
                    Keep(_applications, ApplicationReader.Application(item, path, json), a => a.Id, item, json, path);
                    break;
                case GraphCollection.FederatedIdentityCredentials:
                    if (ApplicationReader.FederatedCredential(item, path, json) is { } credential)
                    {
                        _federated[page.Parent!].Credentials.Add(credential);
                    }

                    break;
                case GraphCollection.ServicePrincipals:
                    Keep(_servicePrincipals, ApplicationReader.ServicePrincipal(item, path, json), s => s.Id, item, json, path);
                    break;
                case GraphCollection.AppRoleAssignments:
                    Keep(_appRoleAssignments, ApplicationReader.AppRoleAssignment(item, path, json), a => a.Id, item, json, path);
                    break;
                case GraphCollection.OAuth2PermissionGrants:
                    Keep(_grants, ApplicationReader.Grant(item, path, json), g => g.Id, item, json, path);
                    break;
                case GraphCollection.ConditionalAccessPolicies:
                    Keep(_policies, PolicyReader.ConditionalAccess(item, path, json), p => p.Id, item, json, path);
                    break;
                case GraphCollection.AuthorizationPolicy:
                    Keep(_authorizationPolicies, PolicyReader.Authorization(item, path, json), _ => "authorizationPolicy", item, json, path);
                    break;
                case GraphCollection.SecurityDefaultsPolicy:
                    Keep(_securityDefaults, PolicyReader.SecurityDefaults(item, path, json), _ => "identitySecurityDefaultsEnforcementPolicy", item, json, path);
                    break;
                case GraphCollection.UserRegistrationDetails:
                    Keep(_registrations, PolicyReader.Registration(item, path, json), r => r.Id, item, json, path);
                    break;
                case GraphCollection.ServicePrincipalSignInActivities:
                    if (ApplicationReader.SignInActivity(item, path, json) is { } signIn)
                    {
                        _signIns.Add((signIn.AppId, signIn.Activity, json.At(path)));
                    }

                    break;
                case GraphCollection.Devices:
                    Keep(_devices, DeviceReader.Device(item, path, json, page.FromAzureHound), d => d.Id, item, json, path);
                    break;
                case GraphCollection.ManagedDevices:
                    Keep(_managedDevices, DeviceReader.ManagedDevice(item, path, json), d => d.Id, item, json, path);
                    break;
                default:
                    AddToRelation(relation ?? RelationFor(page), item, path, json);
                    break;
            }
        }
    }

    /// <summary>The object ids of the applications read so far, by appId (any case): AzureHound names an application by its appId.</summary>
    public IReadOnlyDictionary<string, string> ApplicationIdsByAppId()
    {
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var application in _applications)
        {
            ids.TryAdd(application.Value.AppId, application.Value.Id);
        }

        return ids;
    }

    /// <summary>The tenant, when it comes from elsewhere than Graph's <c>organization</c> (AzureHound's ARM tenant record).</summary>
    public void AddOrganization(string id, string? displayName, SourceLocation location) => _organizations.Add((id, displayName, location));

    public EntraDirectory Build(ImmutableArray<EntraInputFile> inputs)
    {
        CheckPaging();
        var exported = _pages.Select(p => p.Collection).ToHashSet();
        var (tenantId, tenantName) = Tenant();

        var groups = Distinct(_groups, "group").Select(g => g with
        {
            Members = RelationOf(GraphCollection.GroupMembers, g.Id),
            TransitiveMembers = RelationOf(GraphCollection.GroupTransitiveMembers, g.Id),
            Owners = RelationOf(GraphCollection.GroupOwners, g.Id),
        }).ToImmutableArray();
        var units = Distinct(_units, "administrative unit").Select(u => u with { Members = RelationOf(GraphCollection.AdministrativeUnitMembers, u.Id) }).ToImmutableArray();
        var applications = Distinct(_applications, "application").Select(a => a with
        {
            Owners = RelationOf(GraphCollection.ApplicationOwners, a.Id),
            FederatedIdentityCredentials = FederatedOf(a),
        }).ToImmutableArray();
        var signIns = _signIns.GroupBy(s => s.AppId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var servicePrincipals = Distinct(_servicePrincipals, "service principal").Select(s => s with
        {
            Owners = RelationOf(GraphCollection.ServicePrincipalOwners, s.Id),
            SignInActivity = signIns.TryGetValue(s.AppId, out var signIn) ? signIn.Activity : null,
        }).ToImmutableArray();

        var authorization = Distinct(_authorizationPolicies, "authorization policy");
        var securityDefaults = Distinct(_securityDefaults, "security defaults policy");
        var directory = new EntraDirectory
        {
            TenantId = tenantId,
            TenantDisplayName = tenantName,
            VerifiedDomains = [.. _domains.DistinctBy(d => d.Name, StringComparer.OrdinalIgnoreCase)],
            Users = Distinct(_users, "user"),
            Groups = groups,
            AdministrativeUnits = units,
            RoleDefinitions = Distinct(_roles, "role definition"),
            RoleAssignments = Distinct(_assignments[RoleAssignmentSource.RoleAssignment], "role assignment"),
            RoleAssignmentScheduleInstances = Distinct(_assignments[RoleAssignmentSource.AssignmentScheduleInstance], "role assignment schedule instance"),
            RoleEligibilitySchedules = Distinct(_assignments[RoleAssignmentSource.EligibilitySchedule], "role eligibility schedule"),
            RoleEligibilityScheduleInstances = Distinct(_assignments[RoleAssignmentSource.EligibilityScheduleInstance], "role eligibility schedule instance"),
            PrivilegedGroupAssignments = Distinct(GroupAssignmentsToKeep(), "PIM for Groups instance"),
            RoleManagementPolicyAssignments = Distinct(_policyAssignments, "role management policy assignment"),
            Applications = applications,
            ServicePrincipals = servicePrincipals,
            AppRoleAssignments = Distinct(_appRoleAssignments, "app role assignment"),
            OAuth2PermissionGrants = Distinct(_grants, "delegated permission grant"),
            ConditionalAccessPolicies = Distinct(_policies, "conditional access policy"),
            ConditionalAccessPoliciesExported = exported.Contains(GraphCollection.ConditionalAccessPolicies),
            SecurityDefaults = securityDefaults.IsEmpty ? null : securityDefaults[0],
            AuthorizationPolicy = authorization.IsEmpty ? null : authorization[0],
            UserRegistrationDetails = Distinct(_registrations, "registration details entry"),
            UserRegistrationDetailsExported = exported.Contains(GraphCollection.UserRegistrationDetails),
            Devices = [.. Distinct(_devices, "device").Select(d => d with
            {
                RegisteredOwners = RelationOf(GraphCollection.DeviceRegisteredOwners, d.Id),
                RegisteredUsers = RelationOf(GraphCollection.DeviceRegisteredUsers, d.Id),
            })],
            DevicesExported = exported.Contains(GraphCollection.Devices),
            ManagedDevices = Distinct(_managedDevices, "Intune managed device"),
            ManagedDevicesExported = exported.Contains(GraphCollection.ManagedDevices),
            Inputs = inputs,
        };

        ReportSchedulesWithoutInstance(directory);
        new DanglingReferenceCheck(directory, exported, diagnostics).Run(_relations.ToDictionary(p => p.Key, p => p.Value.Location), _federated.ToDictionary(p => p.Key, p => p.Value.Location, StringComparer.Ordinal), _signIns);
        CheckMembership(directory, exported);
        return directory;
    }

    private void Keep<T>(List<Entry<T>> entries, T? value, Func<T, string> key, JsonElement item, GraphJson json, string path)
        where T : class
    {
        if (value is not null)
        {
            entries.Add(new Entry<T>(value, key(value), item, json.At(path), _fromAzureHound));
        }
    }

    private static void AddToRelation(Relation relation, JsonElement item, string path, GraphJson json)
    {
        if (DirectoryObjectReader.Reference(item, path, json) is { } reference && relation.Seen.Add(reference.Id))
        {
            relation.Members.Add(reference);
        }
    }

    private Relation RelationFor(GraphPage page)
    {
        var key = (page.Collection, page.Parent!);
        if (!_relations.TryGetValue(key, out var relation))
        {
            relation = new Relation(new SourceLocation(page.File, JsonPath.Root));
            _relations[key] = relation;
        }

        return relation;
    }

    private ImmutableArray<DirectoryObjectReference>? RelationOf(GraphCollection relation, string parent) =>
        _relations.TryGetValue((relation, parent), out var found) ? found.Members.ToImmutableArray() : null;

    private ImmutableArray<FederatedIdentityCredential>? FederatedOf(EntraApplication application)
    {
        if (!_federated.TryGetValue(application.Id, out var listed))
        {
            return application.FederatedIdentityCredentials;
        }

        // Given both inline ($expand) and as the application's own list: one credential per id (or name).
        return [.. (application.FederatedIdentityCredentials ?? []).Concat(listed.Credentials).DistinctBy(c => c.Id ?? c.Name ?? c.Issuer + " " + c.Subject, StringComparer.OrdinalIgnoreCase)];
    }

    private (string? Id, string? Name) Tenant()
    {
        var distinct = _organizations.DistinctBy(o => o.Id, StringComparer.Ordinal).ToList();
        foreach (var other in distinct.Skip(1))
        {
            diagnostics.Add(EntraDiagnosticCodes.ConflictingTenantData, DiagnosticSeverity.Error, $"the inputs describe more than one tenant: `{distinct[0].Id}` and `{other.Id}`; the first is taken as the tenant (give each tenant's export separately)", other.Location);
        }

        return distinct.Count == 0 ? (null, null) : (distinct[0].Id, distinct[0].Name);
    }

    /// <summary>
    /// Each collection (and each parent's relation) must end with a page without <c>@odata.nextLink</c>; when pages are
    /// numbered (<c>page-002.json</c>), the numbers must also run without a gap.
    /// </summary>
    private void CheckPaging()
    {
        var byCollection = _pages.GroupBy(p => (p.Collection, p.Parent ?? string.Empty, Path.GetDirectoryName(Path.GetFullPath(p.File)) ?? string.Empty));
        foreach (var pages in byCollection)
        {
            var ordered = pages.OrderBy(p => p.File, StringComparer.Ordinal).ToList();
            var name = Describe(pages.Key.Collection, pages.Key.Item2);
            if (ordered.TrueForAll(p => p.NextLink is not null))
            {
                var last = ordered[^1];
                diagnostics.Add(EntraDiagnosticCodes.IncompleteCollection, DiagnosticSeverity.Warning, $"this page of {name} says more follows (`@odata.nextLink`), but no page of it without a next link is in the input: the collection is incomplete ({ordered.Sum(p => p.Items.Length)} objects read from {ordered.Count} page{(ordered.Count == 1 ? string.Empty : "s")}); give every page (follow `@odata.nextLink` until it is absent)", new SourceLocation(last.File, "$['@odata.nextLink']"));
                continue;
            }

            // The first page may carry no number (`users.json`, then `users.page-2.json`...): it is page 1.
            var numbers = ordered.Select(p => PageNumber().Match(Path.GetFileNameWithoutExtension(p.File))).ToList();
            var unnumbered = numbers.Count(m => !m.Success);
            if (unnumbered == 0 || (unnumbered == 1 && numbers.Count > 1))
            {
                var found = numbers.Where(m => m.Success).Select(m => int.Parse(m.Groups["n"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture))
                    .Concat(unnumbered == 1 ? [1] : []).Order().ToList();
                var first = Math.Min(found[0], 1);
                var missing = Enumerable.Range(first, found[^1] - first + 1).Except(found).ToList();
                if (missing.Count > 0)
                {
                    diagnostics.Add(EntraDiagnosticCodes.IncompleteCollection, DiagnosticSeverity.Warning, $"page{(missing.Count == 1 ? string.Empty : "s")} {string.Join(", ", missing)} of {name} {(missing.Count == 1 ? "is" : "are")} missing from the input: the collection is incomplete", new SourceLocation(ordered[0].File));
                }
            }
        }
    }

    private static string Describe(GraphCollection collection, string parent) =>
        parent.Length == 0 ? $"`{collection}`" : $"`{collection}` of `{parent}`";

    private void CheckMembership(EntraDirectory directory, HashSet<GraphCollection> exported)
    {
        foreach (var group in directory.Groups.Where(g => g.Members is not null && g.TransitiveMembers is not null))
        {
            var transitive = group.TransitiveMembers!.Value.Select(m => m.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var (closure, complete) = DirectClosure(directory, group);
            var missing = closure.Where(id => !transitive.Contains(id)).Order(StringComparer.Ordinal).ToList();
            var extra = complete ? transitive.Where(id => !closure.Contains(id)).Order(StringComparer.Ordinal).ToList() : [];
            if (missing.Count + extra.Count > 0)
            {
                var parts = new List<string>();
                if (missing.Count > 0)
                {
                    parts.Add($"{missing.Count} member{(missing.Count == 1 ? " is" : "s are")} reached through the direct members but not in the transitive list ({Listed(missing)})");
                }

                if (extra.Count > 0)
                {
                    parts.Add($"{extra.Count} transitive member{(extra.Count == 1 ? " is" : "s are")} not reached through the direct members ({Listed(extra)})");
                }

                diagnostics.Add(EntraDiagnosticCodes.MembershipDisagreement, DiagnosticSeverity.Info, $"the direct and transitive member lists of group `{group.DisplayName ?? group.Id}` disagree (exported at different times?): {string.Join("; ", parts)}; the transitive list is used", group.Location);
            }
        }

        var unlisted = directory.Groups.Where(g => g.Members is null && g.TransitiveMembers is null).ToList();
        if (unlisted.Count > 0)
        {
            var any = exported.Contains(GraphCollection.GroupMembers) || exported.Contains(GraphCollection.GroupTransitiveMembers);
            diagnostics.Add(EntraDiagnosticCodes.MembershipNotExported, DiagnosticSeverity.Info, $"{(any ? $"{unlisted.Count} of {directory.Groups.Length} groups have no member list" : "no group member list is")} in the input ({Listed([.. unlisted.Select(g => g.DisplayName ?? g.Id)])}): memberships through {(any ? "them" : "groups")} are unknown", unlisted[0].Location);
        }
    }

    /// <summary>The members reached from a group's direct list through nested groups' lists, and whether every nested group had a list.</summary>
    private static (HashSet<string> Closure, bool Complete) DirectClosure(EntraDirectory directory, EntraGroup group)
    {
        var closure = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { group.Id };
        var pending = new Queue<DirectoryObjectReference>(group.Members!.Value);
        var complete = true;
        while (pending.Count > 0)
        {
            var member = pending.Dequeue();
            closure.Add(member.Id);
            if (directory.FindGroup(member.Id) is not { } nested || !visited.Add(nested.Id))
            {
                continue;
            }

            if ((nested.Members ?? nested.TransitiveMembers) is { } list)
            {
                foreach (var next in list)
                {
                    pending.Enqueue(next);
                }
            }
            else
            {
                complete = false;
            }
        }

        closure.Remove(group.Id);
        return (closure, complete);
    }

    internal static string Listed(IReadOnlyList<string> items) =>
        string.Join(", ", items.Take(5).Select(i => $"`{i}`")) + (items.Count > 5 ? $" and {items.Count - 5} more" : string.Empty);

    // Eligibility schedules and their instances describe the same eligibilities, as for directory roles: the instances
    // when any were given, else the schedules.
    /// <summary>
    /// The PIM for Groups instances, and the eligibility schedules no eligible instance stands for (the same principal,
    /// group and access): all of them when no eligible instance was exported, and each one otherwise, with a warning,
    /// as a schedule without its instance is still an eligibility by its own dates.
    /// </summary>
    private List<Entry<PrivilegedGroupAssignment>> GroupAssignmentsToKeep()
    {
        var instances = _groupAssignments.Where(e => e.Value.State == AssignmentState.Eligible).Select(e => Key(e.Value)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var kept = new List<Entry<PrivilegedGroupAssignment>>(_groupAssignments);
        foreach (var schedule in _groupEligibilitySchedules.Where(e => !instances.Contains(Key(e.Value))))
        {
            if (instances.Count > 0)
            {
                diagnostics.Add(EntraDiagnosticCodes.EligibilityScheduleWithoutInstance, DiagnosticSeverity.Warning,
                    $"PIM for Groups eligibility schedule `{schedule.Value.Id}` ({schedule.Value.Access} of group `{schedule.Value.GroupId}` for `{schedule.Value.PrincipalId}`) has no eligibility schedule instance in the export, though instances were exported: it is used by its own dates", schedule.Location);
            }

            kept.Add(schedule);
        }

        return kept;

        static string Key(PrivilegedGroupAssignment a) => $"{a.PrincipalId}|{a.GroupId}|{a.Access}";
    }

    /// <summary>Warns of each directory role eligibility schedule that is used though no exported instance stands for it (<see cref="EntraDirectory.RoleEligibilities"/>).</summary>
    private void ReportSchedulesWithoutInstance(EntraDirectory directory)
    {
        if (directory.RoleEligibilityScheduleInstances.IsEmpty)
        {
            return;
        }

        foreach (var schedule in EntraDirectory.SchedulesWithoutInstance(directory.RoleEligibilitySchedules, directory.RoleEligibilityScheduleInstances))
        {
            var role = directory.FindRoleDefinition(schedule.RoleDefinitionId)?.DisplayName ?? schedule.RoleDefinitionId;
            diagnostics.Add(EntraDiagnosticCodes.EligibilityScheduleWithoutInstance, DiagnosticSeverity.Warning,
                $"role eligibility schedule `{schedule.Id}` ({role} at `{schedule.DirectoryScope.Text}` for `{schedule.PrincipalId}`) has no eligibility schedule instance in the export, though instances were exported: it is used by its own dates", schedule.Location);
        }
    }

    private ImmutableArray<T> Distinct<T>(List<Entry<T>> entries, string kind)
        where T : class
    {
        // AzureHound and Graph write the same object with different fields: each source's first occurrence is the one
        // later ones of that source are compared with; the first of all is used.
        var seen = new Dictionary<(string Key, bool FromAzureHound), Entry<T>>();
        var kept = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var builder = ImmutableArray.CreateBuilder<T>();
        foreach (var entry in entries)
        {
            var bySource = (entry.Key.ToLowerInvariant(), entry.FromAzureHound);
            if (seen.TryGetValue(bySource, out var first))
            {
                if (!string.Equals(Fingerprint(first.Item), Fingerprint(entry.Item), StringComparison.Ordinal))
                {
                    diagnostics.Add(EntraDiagnosticCodes.DuplicateObject, DiagnosticSeverity.Warning, $"{kind} `{entry.Key}` appears again with different content (first at {first.Location}); the first occurrence is used", entry.Location);
                }

                continue;
            }

            seen[bySource] = entry;
            if (kept.Add(entry.Key))
            {
                builder.Add(entry.Value);
            }
        }

        return builder.ToImmutable();
    }

    private static string Fingerprint(JsonElement item)
    {
        // Whitespace-free re-serialisation, hashed: two exports of the same object compare equal however they were indented.
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            item.WriteTo(writer);
        }

        return Convert.ToBase64String(SHA256.HashData(buffer.ToArray()));
    }

    [GeneratedRegex(@"(?:^|[^a-z])page[-_.]?(?<n>[0-9]{1,6})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PageNumber();

    /// <summary>An object read, with the JSON it was read from (its document stays open until the directory is built), to compare duplicates by.</summary>
    private sealed record Entry<T>(T Value, string Key, JsonElement Item, SourceLocation Location, bool FromAzureHound);

    private sealed class Relation(SourceLocation location)
    {
        public SourceLocation Location { get; } = location;

        public List<DirectoryObjectReference> Members { get; } = [];

        public HashSet<string> Seen { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
