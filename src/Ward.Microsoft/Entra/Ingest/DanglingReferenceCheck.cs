using Ward.Core.Diagnostics;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.Ingest;

/// <summary>
/// Reports ids that name objects missing from the export (deleted since, or exported at another time): warnings,
/// never fatal; the entries are kept by id. A kind of object is only looked for when its collection was exported, so
/// an export without users does not call every user dangling.
/// </summary>
internal sealed class DanglingReferenceCheck(EntraDirectory directory, HashSet<GraphCollection> exported, DiagnosticBag diagnostics)
{
    private static readonly HashSet<string> UserKeywords = new(["All", "None", "GuestsOrExternalUsers"], StringComparer.OrdinalIgnoreCase);

    private bool AnyPrincipalsExported => exported.Contains(GraphCollection.Users) || exported.Contains(GraphCollection.Groups) || exported.Contains(GraphCollection.ServicePrincipals);

    public void Run(
        Dictionary<(GraphCollection Relation, string Parent), SourceLocation> relations,
        Dictionary<string, SourceLocation> federated,
        List<(string AppId, ServicePrincipalSignInActivity Activity, SourceLocation Location)> signIns)
    {
        Relations(relations);
        foreach (var (application, location) in federated.Where(f => directory.FindApplication(f.Key) is null))
        {
            diagnostics.Add(EntraDiagnosticCodes.DanglingRelation, DiagnosticSeverity.Warning, $"federated identity credentials of application `{application}`, which is not in the export; they were not used", location);
        }

        ManagedDevices();
        RoleAssignments();
        GroupAssignments();
        AppGrants();
        Policies();
        Reports(signIns);
    }

    private void Relations(Dictionary<(GraphCollection Relation, string Parent), SourceLocation> relations)
    {
        foreach (var ((relation, parent), location) in relations.OrderBy(r => r.Value.File, StringComparer.Ordinal))
        {
            var (kind, name, members) = relation switch
            {
                GraphCollection.GroupMembers => ("group", directory.FindGroup(parent)?.DisplayName, directory.FindGroup(parent)?.Members),
                GraphCollection.GroupTransitiveMembers => ("group", directory.FindGroup(parent)?.DisplayName, directory.FindGroup(parent)?.TransitiveMembers),
                GraphCollection.GroupOwners => ("group", directory.FindGroup(parent)?.DisplayName, directory.FindGroup(parent)?.Owners),
                GraphCollection.ApplicationOwners => ("application", directory.FindApplication(parent)?.DisplayName, directory.FindApplication(parent)?.Owners),
                GraphCollection.ServicePrincipalOwners => ("service principal", directory.FindServicePrincipal(parent)?.DisplayName, directory.FindServicePrincipal(parent)?.Owners),
                GraphCollection.DeviceRegisteredOwners => ("device", directory.FindDevice(parent)?.DisplayName, directory.FindDevice(parent)?.RegisteredOwners),
                GraphCollection.DeviceRegisteredUsers => ("device", directory.FindDevice(parent)?.DisplayName, directory.FindDevice(parent)?.RegisteredUsers),
                _ => ("administrative unit", directory.FindAdministrativeUnit(parent)?.DisplayName, directory.FindAdministrativeUnit(parent)?.Members),
            };
            var what = relation switch
            {
                GraphCollection.GroupOwners or GraphCollection.ApplicationOwners or GraphCollection.ServicePrincipalOwners => "owners",
                GraphCollection.GroupTransitiveMembers => "transitive members",
                GraphCollection.DeviceRegisteredOwners => "registered owners",
                GraphCollection.DeviceRegisteredUsers => "registered users",
                _ => "members",
            };
            if (members is null)
            {
                diagnostics.Add(EntraDiagnosticCodes.DanglingRelation, DiagnosticSeverity.Warning, $"the {what} of {kind} `{parent}`, which is not in the export (its collection was not given, or it was deleted since); the list was not used", location);
                continue;
            }

            var missing = members.Value.Where(m => IsMissing(m.Id, m.Kind)).Select(m => m.Id).ToList();
            if (missing.Count > 0)
            {
                diagnostics.Add(EntraDiagnosticCodes.DanglingRelation, DiagnosticSeverity.Warning, $"{missing.Count} of the {what} of {kind} `{name ?? parent}` {(missing.Count == 1 ? "is" : "are")} not in the export ({EntraDirectoryBuilder.Listed(missing)}): deleted, or exported at another time; kept by id", location);
            }
        }
    }

    /// <summary>Intune's managed devices name their Entra ID device by its <c>deviceId</c>; they are used only through it.</summary>
    private void ManagedDevices()
    {
        if (directory.ManagedDevices.IsEmpty)
        {
            return;
        }

        if (!exported.Contains(GraphCollection.Devices))
        {
            diagnostics.Add(EntraDiagnosticCodes.DanglingRelation, DiagnosticSeverity.Info, $"{directory.ManagedDevices.Length} Intune managed device{(directory.ManagedDevices.Length == 1 ? " is" : "s are")} in the input but no Entra ID device list (`GET /devices`): they are used only with the devices they name, so they were not used", directory.ManagedDevices[0].Location);
            return;
        }

        var known = directory.Devices.Where(d => d.DeviceId is not null).Select(d => d.DeviceId!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = directory.ManagedDevices.Where(m => m.AzureADDeviceId is not null && !known.Contains(m.AzureADDeviceId)).ToList();
        if (missing.Count > 0)
        {
            diagnostics.Add(EntraDiagnosticCodes.DanglingRelation, DiagnosticSeverity.Warning, $"{missing.Count} Intune managed device{(missing.Count == 1 ? " names" : "s name")} an Entra ID device (`azureADDeviceId`) not in the export ({EntraDirectoryBuilder.Listed([.. missing.Select(m => m.DeviceName ?? m.Id)])}): deleted, or exported at another time; not used", missing[0].Location);
        }
    }

    private bool IsMissing(string id, DirectoryObjectKind kind)
    {
        if (directory.KindOf(id) is not null)
        {
            return false;
        }

        return kind switch
        {
            DirectoryObjectKind.User => exported.Contains(GraphCollection.Users),
            DirectoryObjectKind.Group => exported.Contains(GraphCollection.Groups),
            DirectoryObjectKind.ServicePrincipal => exported.Contains(GraphCollection.ServicePrincipals),
            DirectoryObjectKind.Application => exported.Contains(GraphCollection.Applications),
            DirectoryObjectKind.Unknown => AnyPrincipalsExported,
            DirectoryObjectKind.Device => exported.Contains(GraphCollection.Devices) && directory.FindDevice(id) is null,

            // Contacts: not part of an Entra export Ward reads.
            _ => false,
        };
    }

    private void RoleAssignments()
    {
        var all = directory.RoleAssignments.Concat(directory.RoleAssignmentScheduleInstances).Concat(directory.RoleEligibilitySchedules).Concat(directory.RoleEligibilityScheduleInstances);
        foreach (var assignment in all)
        {
            var what = assignment.State == AssignmentState.Eligible ? "role eligibility" : "role assignment";
            if (AnyPrincipalsExported && directory.KindOf(assignment.PrincipalId) is null)
            {
                diagnostics.Add(EntraDiagnosticCodes.DanglingRoleAssignment, DiagnosticSeverity.Warning, $"{what} `{assignment.Id}` is of principal `{assignment.PrincipalId}`, which is not in the export (deleted?); kept by id", assignment.Location);
            }

            if (exported.Contains(GraphCollection.RoleDefinitions) && directory.FindRoleDefinition(assignment.RoleDefinitionId) is null)
            {
                diagnostics.Add(EntraDiagnosticCodes.DanglingRoleAssignment, DiagnosticSeverity.Warning, $"{what} `{assignment.Id}` gives role `{assignment.RoleDefinitionId}`, which is not among the role definitions: what it allows is unknown", assignment.Location);
            }

            var scope = assignment.DirectoryScope;
            if (scope.Kind == DirectoryScopeKind.AdministrativeUnit && exported.Contains(GraphCollection.AdministrativeUnits) && directory.FindAdministrativeUnit(scope.Id!) is null)
            {
                diagnostics.Add(EntraDiagnosticCodes.DanglingRoleAssignment, DiagnosticSeverity.Warning, $"{what} `{assignment.Id}` is scoped to administrative unit `{scope.Id}`, which is not in the export", assignment.Location);
            }
            else if (scope.Kind == DirectoryScopeKind.DirectoryObject && (exported.Contains(GraphCollection.Applications) || exported.Contains(GraphCollection.ServicePrincipals) || exported.Contains(GraphCollection.Groups))
                && directory.KindOf(scope.Id!) is null)
            {
                diagnostics.Add(EntraDiagnosticCodes.DanglingRoleAssignment, DiagnosticSeverity.Warning, $"{what} `{assignment.Id}` is scoped to object `{scope.Id}`, which is not in the export", assignment.Location);
            }
        }
    }

    private void GroupAssignments()
    {
        foreach (var assignment in directory.PrivilegedGroupAssignments)
        {
            if (exported.Contains(GraphCollection.Groups) && directory.FindGroup(assignment.GroupId) is null)
            {
                diagnostics.Add(EntraDiagnosticCodes.DanglingRoleAssignment, DiagnosticSeverity.Warning, $"PIM for Groups instance `{assignment.Id}` is for group `{assignment.GroupId}`, which is not in the export; kept by id", assignment.Location);
            }

            if (AnyPrincipalsExported && directory.KindOf(assignment.PrincipalId) is null)
            {
                diagnostics.Add(EntraDiagnosticCodes.DanglingRoleAssignment, DiagnosticSeverity.Warning, $"PIM for Groups instance `{assignment.Id}` is of principal `{assignment.PrincipalId}`, which is not in the export (deleted?); kept by id", assignment.Location);
            }
        }
    }

    private void AppGrants()
    {
        var servicePrincipals = exported.Contains(GraphCollection.ServicePrincipals);
        foreach (var assignment in directory.AppRoleAssignments)
        {
            if (AnyPrincipalsExported && directory.KindOf(assignment.PrincipalId) is null)
            {
                diagnostics.Add(EntraDiagnosticCodes.DanglingAppGrant, DiagnosticSeverity.Warning, $"app role assignment `{assignment.Id}` is of {assignment.PrincipalType ?? "principal"} `{assignment.PrincipalDisplayName ?? assignment.PrincipalId}` (`{assignment.PrincipalId}`), which is not in the export (deleted?); kept by id", assignment.Location);
            }

            var resource = directory.FindServicePrincipal(assignment.ResourceId);
            if (resource is null && servicePrincipals)
            {
                diagnostics.Add(EntraDiagnosticCodes.DanglingAppGrant, DiagnosticSeverity.Warning, $"app role assignment `{assignment.Id}` is on resource `{assignment.ResourceDisplayName ?? assignment.ResourceId}` (`{assignment.ResourceId}`), which is not among the service principals: the role it grants is unknown", assignment.Location);
            }
            else if (resource is not null && !assignment.AppRoleId.Equals(Guid.Empty.ToString("D"), StringComparison.Ordinal) && !resource.AppRoles.Any(r => r.Id.Equals(assignment.AppRoleId, StringComparison.OrdinalIgnoreCase)))
            {
                diagnostics.Add(EntraDiagnosticCodes.DanglingAppGrant, DiagnosticSeverity.Warning, $"app role assignment `{assignment.Id}` grants app role `{assignment.AppRoleId}`, which resource `{resource.DisplayName ?? resource.Id}` does not define (removed since?)", assignment.Location);
            }
        }

        foreach (var grant in directory.OAuth2PermissionGrants)
        {
            if (servicePrincipals && directory.FindServicePrincipal(grant.ClientId) is null)
            {
                diagnostics.Add(EntraDiagnosticCodes.DanglingAppGrant, DiagnosticSeverity.Warning, $"delegated permission grant `{grant.Id}` is to client `{grant.ClientId}`, which is not among the service principals; kept by id", grant.Location);
            }

            if (servicePrincipals && directory.FindServicePrincipal(grant.ResourceId) is null)
            {
                diagnostics.Add(EntraDiagnosticCodes.DanglingAppGrant, DiagnosticSeverity.Warning, $"delegated permission grant `{grant.Id}` is on resource `{grant.ResourceId}`, which is not among the service principals; kept by id", grant.Location);
            }

            if (grant.PrincipalId is { } user && exported.Contains(GraphCollection.Users) && directory.FindUser(user) is null)
            {
                diagnostics.Add(EntraDiagnosticCodes.DanglingAppGrant, DiagnosticSeverity.Warning, $"delegated permission grant `{grant.Id}` is for user `{user}`, who is not in the export (deleted?); kept by id", grant.Location);
            }
        }
    }

    private void Policies()
    {
        foreach (var policy in directory.ConditionalAccessPolicies)
        {
            var missing = new List<string>();
            if (exported.Contains(GraphCollection.Users))
            {
                missing.AddRange(policy.IncludeUsers.Concat(policy.ExcludeUsers).Where(u => !UserKeywords.Contains(u) && directory.FindUser(u) is null).Select(u => $"user {u}"));
            }

            if (exported.Contains(GraphCollection.Groups))
            {
                missing.AddRange(policy.IncludeGroups.Concat(policy.ExcludeGroups).Where(g => directory.FindGroup(g) is null).Select(g => $"group {g}"));
            }

            if (exported.Contains(GraphCollection.RoleDefinitions))
            {
                missing.AddRange(policy.IncludeRoles.Concat(policy.ExcludeRoles).Where(r => directory.FindRoleDefinition(r) is null).Select(r => $"role {r}"));
            }

            if (missing.Count > 0)
            {
                diagnostics.Add(EntraDiagnosticCodes.DanglingPolicyReference, DiagnosticSeverity.Warning, $"conditional access policy `{policy.DisplayName ?? policy.Id}` names objects not in the export ({EntraDirectoryBuilder.Listed(missing)}): deleted since? Whom it covers is read as written", policy.Location);
            }
        }
    }

    private void Reports(List<(string AppId, ServicePrincipalSignInActivity Activity, SourceLocation Location)> signIns)
    {
        if (exported.Contains(GraphCollection.Users))
        {
            var unknown = directory.UserRegistrationDetails.Where(r => directory.FindUser(r.Id) is null).ToList();
            if (unknown.Count > 0)
            {
                diagnostics.Add(EntraDiagnosticCodes.DanglingReportEntry, DiagnosticSeverity.Info, $"registration details of {unknown.Count} user{(unknown.Count == 1 ? " who is" : "s who are")} not in the export ({EntraDirectoryBuilder.Listed([.. unknown.Select(u => u.UserPrincipalName ?? u.Id)])}); kept", unknown[0].Location);
            }
        }

        if (exported.Contains(GraphCollection.ServicePrincipals))
        {
            var unknown = signIns.Where(s => directory.FindServicePrincipalByAppId(s.AppId) is null).ToList();
            if (unknown.Count > 0)
            {
                diagnostics.Add(EntraDiagnosticCodes.DanglingReportEntry, DiagnosticSeverity.Info, $"sign-in activity of {unknown.Count} application id{(unknown.Count == 1 ? string.Empty : "s")} without a service principal in the export ({EntraDirectoryBuilder.Listed([.. unknown.Select(u => u.AppId)])}); not used", unknown[0].Location);
            }
        }
    }
}
