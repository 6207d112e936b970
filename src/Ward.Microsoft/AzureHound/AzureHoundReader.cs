using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Ingest;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Ingest;

namespace Ward.Microsoft.AzureHound;

/// <summary>
/// Reads AzureHound records into the same builders as Microsoft Graph and ARM exports: each record's payload is the
/// Graph or ARM object (see docs/formats/azurehound.md), rewritten by <see cref="AzureHoundJson"/> and handed to the
/// Graph readers (as a one-item page) or the ARM readers. What only AzureHound has (member and owner wrappers, the
/// role-filtered assignment kinds, an application's owners keyed by appId) is unwrapped here. Kinds Ward does not
/// analyse yet are reported once per kind; unknown kinds and malformed records are reported and skipped.
/// </summary>
internal sealed class AzureHoundReader(EntraDirectoryBuilder entra, ReadEntries azure, DiagnosticBag entraDiagnostics, DiagnosticBag azureDiagnostics, DiagnosticBag diagnostics) : IDisposable
{
    private static readonly FrozenSet<string> GraphAdded = new[] { "tenantId", "tenantName" }.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> AppRoleAssignmentAdded = new[] { "appId", "tenantId", "tenantName" }.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> Nothing = FrozenSet<string>.Empty;

    // The rewritten payloads: the builder's pages are views into them until the directory is built.
    private readonly List<JsonDocument> _documents = [];
    private readonly Dictionary<string, string> _applicationsByAppId = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Reference> _references = [];
    private readonly List<(GraphCollection Relation, string Parent, SourceLocation Location)> _parents = [];
    private readonly List<(FileState State, string AppId, ImmutableArray<(JsonElement Item, string Path)> Credentials, string Path)> _federated = [];
    private readonly HashSet<string> _files = new(StringComparer.Ordinal);
    private SourceLocation? _firstArmAssignment;
    private SourceLocation? _firstDerived;
    private bool _rawAssignments;

    /// <summary>The files read as AzureHound output.</summary>
    public IReadOnlySet<string> Files => _files;

    public AzureHoundFile Read(string file, JsonElement root, ImmutableArray<(JsonElement Record, string Path)> records)
    {
        _files.Add(file);
        foreach (var (message, path, severity) in AzureHoundFormat.MetaProblems(root))
        {
            diagnostics.Add(AzureHoundDiagnosticCodes.EnvelopeProblem, severity, message, new SourceLocation(file, path));
        }

        var state = new FileState(file, new GraphJson(file, entraDiagnostics), new ArmJson(file, new DiagnosticBag()));
        var deferred = new List<(string Kind, JsonElement Data, string Path)>();
        foreach (var (record, path) in records)
        {
            if (record.ValueKind != JsonValueKind.Object)
            {
                Malformed(state, $"a record must be an object, found {ArmJson.Describe(record.ValueKind)}; skipped", path);
                continue;
            }

            if (!record.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind != JsonValueKind.String)
            {
                Malformed(state, "a record without a `kind` string; skipped", path);
                continue;
            }

            var kind = kindElement.GetString()!;
            var dataPath = JsonPath.Property(path, "data");
            if (!record.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                Malformed(state, $"the `data` of a record of kind `{kind}` must be an object, found {(data.ValueKind == JsonValueKind.Undefined ? "nothing" : ArmJson.Describe(data.ValueKind))}; skipped", record.TryGetProperty("data", out _) ? dataPath : path);
                continue;
            }

            // Owners of applications are keyed by appId, and app-scoped directory roles name the appId: both need every application first.
            if (kind is "AZAppOwner" or "AZRoleAssignment")
            {
                deferred.Add((kind, data, dataPath));
            }
            else
            {
                Dispatch(state, kind, data, dataPath);
            }
        }

        foreach (var (kind, data, path) in deferred)
        {
            Dispatch(state, kind, data, path);
        }

        Summarise(state);
        MarkTenantRoot(state);

        // AzureHound adds fields beside the ARM objects (tenantId, subscriptionId...): unknown-field notes would only be noise.
        azureDiagnostics.AddRange(state.Arm.Diagnostics.ToSortedArray().Where(d => d.Code != AzureDiagnosticCodes.UnknownField));
        var notes = new List<string> { $"AzureHound: {records.Length} record{(records.Length == 1 ? string.Empty : "s")}" };
        if (state.EntraRecords > 0)
        {
            notes.Add($"{state.EntraRecords} Entra ID");
        }

        if (state.AzureRecords > 0)
        {
            notes.Add($"{state.AzureRecords} Azure");
        }

        if (state.NotAnalysed.Count > 0)
        {
            notes.Add($"{state.NotAnalysed.Values.Sum(v => v.Count)} not analysed yet");
        }

        return new AzureHoundFile(state.EntraRecords, state.AzureRecords, string.Join(", ", notes));
    }

    /// <summary>
    /// Hands the federated credentials to the applications they belong to, once every input is read: AzureHound keys
    /// them by the application's appId, and the application may come from any file, AzureHound or Graph. AzureHound
    /// writes a record only for an application that has credentials, so once it listed some, every other application
    /// has none. Call before the directory is built.
    /// </summary>
    public void AttachFederatedCredentials()
    {
        if (_federated.Count == 0)
        {
            return;
        }

        var applications = entra.ApplicationIdsByAppId();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (state, appId, credentials, path) in _federated)
        {
            if (!applications.TryGetValue(appId, out var objectId))
            {
                diagnostics.Add(AzureHoundDiagnosticCodes.DanglingReference, DiagnosticSeverity.Warning, $"the federated identity credentials of the application with appId `{appId}`, which no application of the inputs holds; the list was not used", state.Graph.At(path));
                continue;
            }

            listed.Add(objectId);
            Credentials(state, objectId, credentials);
        }

        var first = _federated[0].State;
        foreach (var objectId in applications.Values.Where(id => !listed.Contains(id)).Distinct(StringComparer.Ordinal))
        {
            Credentials(first, objectId, []);
        }

        void Credentials(FileState state, string application, ImmutableArray<(JsonElement Item, string Path)> items) =>
            entra.Add(new GraphPage { File = state.File, Collection = GraphCollection.FederatedIdentityCredentials, Parent = application, Items = items, Description = "AzureHound `AZFederatedIdentityCredential`", FromAzureHound = true }, state.Graph);
    }

    /// <summary>
    /// Reports what can be checked only once every input is read: dangling ids, missing role definitions, partial
    /// assignment lists. Returns whether the missing Azure role definitions were reported (the Azure estate's own,
    /// more general report of them is then redundant).
    /// </summary>
    public bool Finish(EntraDirectory directory, AzureEstate estate)
    {
        var hasPrincipals = !directory.Users.IsEmpty || !directory.Groups.IsEmpty || !directory.ServicePrincipals.IsEmpty;
        if (hasPrincipals)
        {
            foreach (var reference in _references.Where(r => r.Kind is DirectoryObjectKind.User or DirectoryObjectKind.Group or DirectoryObjectKind.ServicePrincipal or DirectoryObjectKind.Unknown))
            {
                if (directory.FindUser(reference.Id) is null && directory.FindGroup(reference.Id) is null && directory.FindServicePrincipal(reference.Id) is null)
                {
                    diagnostics.Add(AzureHoundDiagnosticCodes.DanglingReference, DiagnosticSeverity.Warning, $"{reference.What} `{reference.Id}`{(reference.Name is null ? string.Empty : $" (`{reference.Name}`)")} is not among the users, groups and service principals of the inputs (deleted after it was listed, or not collected); kept by id", reference.Location);
                }
            }
        }

        foreach (var (relation, parent, location) in _parents)
        {
            var found = relation switch
            {
                GraphCollection.GroupMembers or GraphCollection.GroupOwners => directory.FindGroup(parent) is not null,
                GraphCollection.ServicePrincipalOwners => directory.FindServicePrincipal(parent) is not null,
                GraphCollection.DeviceRegisteredOwners => directory.FindDevice(parent) is not null,
                _ => true,
            };
            if (!found)
            {
                var what = relation switch
                {
                    GraphCollection.GroupMembers => "the members of group",
                    GraphCollection.GroupOwners => "the owners of group",
                    GraphCollection.DeviceRegisteredOwners => "the registered owners of device",
                    _ => "the owners of service principal",
                };
                diagnostics.Add(AzureHoundDiagnosticCodes.DanglingReference, DiagnosticSeverity.Warning, $"{what} `{parent}`, which no record of the inputs holds; the list was not used", location);
            }
        }

        var noDefinitions = _firstArmAssignment is not null && estate.RoleDefinitions.IsEmpty;
        if (noDefinitions)
        {
            diagnostics.Add(AzureHoundDiagnosticCodes.NoRoleDefinitions, DiagnosticSeverity.Error, "AzureHound collects no Azure role definitions, not even the built-in ones (Owner, Contributor, User Access Administrator, Reader): what its role assignments grant is unknown, so decisions on them are indeterminate; add the output of `az role definition list` (for each subscription with custom roles) to the inputs", _firstArmAssignment!.Value with { JsonPath = null });
        }

        if (_firstDerived is { } derived && !_rawAssignments)
        {
            diagnostics.Add(AzureHoundDiagnosticCodes.PartialRoleAssignments, DiagnosticSeverity.Info, "these Azure role assignments come from the role-filtered kinds of `azurehound list` (Owner, User Access Administrator, Contributor and a few key vault and VM roles): assignments of other roles are not in the input, so who-can and what-can answers may miss some; add the output of `azurehound list management-group-role-assignments`, `subscription-role-assignments`, `resource-group-role-assignments`, `virtual-machine-role-assignments` and `key-vault-role-assignments` (or `az role assignment list --all`)", derived with { JsonPath = null });
        }

        return noDefinitions;
    }

    public void Dispose()
    {
        foreach (var document in _documents)
        {
            document.Dispose();
        }

        _documents.Clear();
    }

    private void Dispatch(FileState state, string kind, JsonElement data, string path)
    {
        switch (kind)
        {
            case "AZTenant":
                Tenant(state, data, path);
                break;
            case "AZUser":
                Page(state, kind, GraphCollection.Users, null, [(Normalize(data, GraphAdded), path)]);
                break;
            case "AZGroup":
                Page(state, kind, GraphCollection.Groups, null, [(Normalize(data, GraphAdded), path)]);
                break;
            case "AZApp":
                var application = Normalize(data, GraphAdded);
                if (Text(application, "appId") is { } appId && Text(application, "id") is { } objectId)
                {
                    _applicationsByAppId.TryAdd(appId, objectId);
                }

                Page(state, kind, GraphCollection.Applications, null, [(application, path)]);
                break;
            case "AZServicePrincipal":
                Page(state, kind, GraphCollection.ServicePrincipals, null, [(Normalize(data, GraphAdded), path)]);
                break;
            case "AZRole":
                Page(state, kind, GraphCollection.RoleDefinitions, null, [(Normalize(data, GraphAdded), path)]);
                break;
            case "AZAppRoleAssignment":
                Page(state, kind, GraphCollection.AppRoleAssignments, null, [(Normalize(data, AppRoleAssignmentAdded), path)]);
                break;
            case "AZRoleEligibilityScheduleInstance":
                Page(state, kind, GraphCollection.RoleEligibilityScheduleInstances, null, [(Normalize(data, GraphAdded), path)]);
                break;
            case "AZRoleManagementPolicyAssignment":
                Page(state, kind, GraphCollection.RoleManagementPolicyAssignments, null, [(Normalize(data, GraphAdded), path)]);
                break;
            case "AZOAuth2PermissionGrant":
                Page(state, kind, GraphCollection.OAuth2PermissionGrants, null, [(Normalize(data, GraphAdded), path)]);
                break;
            case "AZFederatedIdentityCredential":
                FederatedCredentials(state, data, path);
                break;
            case "AZRoleAssignment":
                DirectoryRoleAssignments(state, data, path);
                break;
            case "AZGroupMember":
                Relation(state, kind, data, path, GraphCollection.GroupMembers, "groupId", "members", "member");
                break;
            case "AZGroupOwner":
                Relation(state, kind, data, path, GraphCollection.GroupOwners, "groupId", "owners", "owner");
                break;
            case "AZAppOwner":
                Relation(state, kind, data, path, GraphCollection.ApplicationOwners, "appId", "owners", "owner");
                break;
            case "AZServicePrincipalOwner":
                Relation(state, kind, data, path, GraphCollection.ServicePrincipalOwners, "servicePrincipalId", "owners", "owner");
                break;
            case "AZDevice":
                Page(state, kind, GraphCollection.Devices, null, [(Normalize(data, GraphAdded), path)]);
                break;
            case "AZDeviceOwner":
                // `deviceId` here is the device's object id (what `list device-owners` queries), not its `deviceId` property.
                Relation(state, kind, data, path, GraphCollection.DeviceRegisteredOwners, "deviceId", "owners", "owner");
                break;
            case "AZManagementGroup" or "AZManagementGroupDescendant" or "AZSubscription":
                Hierarchy(state, kind, data, path);
                break;
            case var _ when AzureHoundKinds.ResourceKinds.Contains(kind):
                Resource(state, kind, data, path);
                break;
            case "AZKeyVaultAccessPolicy":
                AccessPolicy(state, data, path);
                break;
            case var _ when AzureHoundKinds.RoleAssignmentKinds.Contains(kind):
                ArmRoleAssignments(state, kind, data, path);
                break;
            case var _ when AzureHoundKinds.NotAnalysed.ContainsKey(kind):
                Count(state.NotAnalysed, kind, path);
                break;
            default:
                Count(state.Unknown, kind, path);
                break;
        }
    }

    private void Tenant(FileState state, JsonElement data, string path)
    {
        var tenant = Normalize(data, Nothing);
        if (tenant.TryGetProperty("collected", out var collected) && collected.ValueKind == JsonValueKind.True && Text(tenant, "tenantId") is { } id)
        {
            entra.AddOrganization(id, Text(tenant, "displayName"), state.Graph.At(path));
            state.TenantIds.Add(id);
            state.EntraRecords++;
        }
        else
        {
            // Other tenants the collecting identity can see: not the directory that was collected.
            Count(state.NotAnalysed, "AZTenant", path);
        }
    }

    private void DirectoryRoleAssignments(FileState state, JsonElement data, string path)
    {
        // Since 2024 AzureHound writes an app-scoped assignment as `/<appId>`; Graph (and Ward) scope it by the application's object id.
        var container = Normalize(data, GraphAdded, (name, value) =>
            name == "directoryScopeId" && value.Length > 1 && _applicationsByAppId.TryGetValue(value[1..], out var objectId) ? "/" + objectId : value);
        var items = ListItems(state, container, path, "roleAssignments", inner: null);
        var tenantWide = items.Count(i => Text(i.Item, "directoryScopeId") == "/");
        if (tenantWide > 0 && state.FirstTenantWide is null)
        {
            state.FirstTenantWide = items.First(i => Text(i.Item, "directoryScopeId") == "/").Path;
        }

        state.TenantWideAssignments += tenantWide;
        Page(state, "AZRoleAssignment", GraphCollection.RoleAssignments, null, [.. items.Select(i => (i.Item, i.Path))]);
    }

    private void Relation(FileState state, string kind, JsonElement data, string path, GraphCollection relation, string parentField, string listField, string itemField)
    {
        var container = Normalize(data, Nothing);
        var parent = Text(container, parentField);
        if (parent is null)
        {
            Malformed(state, $"a `{kind}` record without `{parentField}`; skipped", path);
            return;
        }

        var what = relation switch
        {
            GraphCollection.GroupMembers => $"a member of group `{parent}`",
            GraphCollection.GroupOwners => $"an owner of group `{parent}`",
            GraphCollection.ApplicationOwners => $"an owner of application `{parent}`",
            GraphCollection.DeviceRegisteredOwners => $"a registered owner of device `{parent}`",
            _ => $"an owner of service principal `{parent}`",
        };
        if (relation == GraphCollection.ApplicationOwners)
        {
            // AzureHound keys an application's owners by its appId (client id), Graph by its object id.
            if (!_applicationsByAppId.TryGetValue(parent, out var objectId))
            {
                diagnostics.Add(AzureHoundDiagnosticCodes.DanglingReference, DiagnosticSeverity.Warning, $"the owners of the application with appId `{parent}`, which no `AZApp` record of the inputs read so far holds; the list was not used", state.Graph.At(path));
                return;
            }

            parent = objectId;
        }
        else
        {
            _parents.Add((relation, parent, state.Graph.At(path)));
        }

        var items = ListItems(state, container, path, listField, itemField);
        foreach (var (item, itemPath, entryPath) in items)
        {
            if (Text(item, "id") is { } id)
            {
                _references.Add(new Reference(id, DirectoryObjectReader.KindOf(Text(item, "@odata.type")), Text(item, "displayName"), what, state.Graph.At(entryPath)));
            }
        }

        Page(state, kind, relation, parent, [.. items.Select(i => (i.Item, i.Path))]);
    }

    /// <summary>
    /// One application's federated credentials: <c>{"fics": [{"fic": &lt;Graph federatedIdentityCredential&gt;, "appId"}], "appId"}</c>,
    /// written only for an application that has some. Attached in <see cref="AttachFederatedCredentials"/>.
    /// </summary>
    private void FederatedCredentials(FileState state, JsonElement data, string path)
    {
        var container = Normalize(data, Nothing);
        if (Text(container, "appId") is not { } appId)
        {
            Malformed(state, "an `AZFederatedIdentityCredential` record without `appId`; skipped", path);
            return;
        }

        _federated.Add((state, appId, [.. ListItems(state, container, path, "fics", "fic").Select(i => (i.Item, i.Path))], path));
        state.EntraRecords++;
    }

    private void ArmRoleAssignments(FileState state, string kind, JsonElement data, string path)
    {
        var container = Normalize(data, Nothing);
        var list = container.EnumerateObject().FirstOrDefault(p => p.Value.ValueKind is JsonValueKind.Array or JsonValueKind.Null);
        if (list.Value.ValueKind == JsonValueKind.Undefined)
        {
            Malformed(state, $"a `{kind}` record without a list of role assignments; skipped", path);
            return;
        }

        if (AzureHoundKinds.DerivedRoleAssignmentKinds.Contains(kind))
        {
            _firstDerived ??= state.Graph.At(path);
        }
        else
        {
            _rawAssignments = true;
        }

        state.AzureRecords++;
        foreach (var (item, itemPath, entryPath) in ListItems(state, container, path, list.Name, inner: string.Empty))
        {
            // The role-filtered kinds hold assignments inherited from above and made below the object: `properties.scope`
            // says where each really is, and duplicates across records are merged by id when the estate is built.
            if (RoleAssignmentReader.Read(new ArmItem(item, itemPath), state.Arm) is { } assignment)
            {
                azure.RoleAssignments.Add(assignment);
                _firstArmAssignment ??= assignment.Location;
                _references.Add(new Reference(assignment.PrincipalId, DirectoryObjectKind.Unknown, null, $"the principal of Azure role assignment `{assignment.Name}`", state.Graph.At(entryPath)));
            }
        }
    }

    /// <summary>A resource record: the ARM resource itself, beside the ids AzureHound adds (which the resource reader does not read).</summary>
    private void Resource(FileState state, string kind, JsonElement data, string path)
    {
        var element = Normalize(data, Nothing);
        var item = new ArmItem(element, path);
        if (ArmItemClassifier.Classify(element) != ArmItemKind.Resource)
        {
            Malformed(state, $"a `{kind}` record without a resource `id` and `type`; skipped", path);
            return;
        }

        if (AzureResourceReader.Read(item, state.Arm) is { } resource)
        {
            // AzureHound writes `allowSharedKeyAccess` only when true (a Go bool with omitempty): absent is either refused
            // or Azure's default, so whether the account accepts its keys is not known.
            if (resource.StorageAccount is not null && !(item.TryGet("allowSharedKeyAccess", out var shared, out _) && shared.ValueKind == JsonValueKind.True))
            {
                resource = resource with { StorageAccount = null };
            }

            azure.Resources.Add(resource);
            state.AzureRecords++;
        }
    }

    /// <summary>One access policy of a vault (AzureHound writes each apart, with the vault's id in <c>keyVaultId</c>).</summary>
    private void AccessPolicy(FileState state, JsonElement data, string path)
    {
        var element = Normalize(data, Nothing);
        var item = new ArmItem(element, path);
        if (!AzureScope.TryParse(item.Text("keyVaultId"), out var vault, out _) || vault.Kind != AzureScopeKind.Resource)
        {
            Malformed(state, "an `AZKeyVaultAccessPolicy` record without a vault resource id in `keyVaultId`; skipped", path);
            return;
        }

        if (AzureResourceReader.ReadAccessPolicy(item, state.Arm) is { } policy)
        {
            azure.KeyVaultAccessPolicies.Add((vault, policy, state.Graph.At(path)));
            state.AzureRecords++;
        }
    }

    private void Hierarchy(FileState state, string kind, JsonElement data, string path)
    {
        var element = Normalize(data, Nothing);
        var item = new ArmItem(element, path);
        switch (ArmItemClassifier.Classify(element))
        {
            case ArmItemKind.ManagementGroup:
                if (item.Text("tenantId") is { } tenant && item.Text("name") is { } name && string.Equals(tenant, name, StringComparison.OrdinalIgnoreCase))
                {
                    state.TenantIds.Add(tenant);
                }

                HierarchyReader.ReadManagementGroup(item, state.Arm, azure.Hierarchy);
                state.AzureRecords++;
                break;
            case ArmItemKind.Subscription:
                HierarchyReader.ReadSubscription(item, state.Arm, azure.Hierarchy);
                state.AzureRecords++;
                break;
            default:
                Malformed(state, $"a `{kind}` record that is neither a management group nor a subscription (`type` `{item.Text("type")}`); skipped", path);
                break;
        }
    }

    /// <summary>
    /// The objects of a wrapper's list (<c>null</c> is an empty list): each entry itself (<paramref name="inner"/> null),
    /// its field named <paramref name="inner"/>, or (empty name) its only object-valued field.
    /// </summary>
    private List<(JsonElement Item, string Path, string EntryPath)> ListItems(FileState state, JsonElement container, string path, string listField, string? inner)
    {
        var result = new List<(JsonElement, string, string)>();
        var listPath = JsonPath.Property(path, listField);
        if (!container.TryGetProperty(listField, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return result;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            Malformed(state, $"`{listField}` must be an array or null, found {ArmJson.Describe(list.ValueKind)}; skipped", listPath);
            return result;
        }

        var index = 0;
        foreach (var entry in list.EnumerateArray())
        {
            var entryPath = JsonPath.Index(listPath, index++);
            var (item, itemPath) = inner switch
            {
                null => (entry, entryPath),
                _ when entry.ValueKind != JsonValueKind.Object => (default, entryPath),
                "" => entry.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object).Select(p => (p.Value, JsonPath.Property(entryPath, p.Name))).FirstOrDefault(),
                _ => entry.TryGetProperty(inner, out var found) ? (found, JsonPath.Property(entryPath, inner)) : (default, entryPath),
            };
            if (item.ValueKind != JsonValueKind.Object)
            {
                Malformed(state, inner is null or "" ? "expected an object holding the entry; skipped" : $"expected an object with `{inner}`; skipped", entryPath);
                continue;
            }

            result.Add((item, itemPath ?? entryPath, entryPath));
        }

        return result;
    }

    private void Page(FileState state, string kind, GraphCollection collection, string? parent, ImmutableArray<(JsonElement Item, string Path)> items)
    {
        entra.Add(new GraphPage { File = state.File, Collection = collection, Parent = parent, Items = items, Description = $"AzureHound `{kind}`", FromAzureHound = true }, state.Graph);
        state.EntraRecords++;
    }

    private JsonElement Normalize(JsonElement data, IReadOnlySet<string> drop, Func<string, string, string>? rewrite = null)
    {
        var document = AzureHoundJson.Normalize(data, drop, rewrite);
        _documents.Add(document);
        return document.RootElement;
    }

    private void Summarise(FileState state)
    {
        foreach (var (kind, (count, path)) in state.Unknown)
        {
            diagnostics.Add(AzureHoundDiagnosticCodes.UnknownKind, DiagnosticSeverity.Warning, $"AzureHound kind `{kind}` is not one Ward knows ({count} record{(count == 1 ? string.Empty : "s")}, the first here); skipped (a newer AzureHound version?)", state.Graph.At(path));
        }

        foreach (var (kind, (count, path)) in state.NotAnalysed)
        {
            var what = kind == "AZTenant" ? "tenants other than the collected one" : AzureHoundKinds.NotAnalysed[kind];
            diagnostics.Add(AzureHoundDiagnosticCodes.NotAnalysed, DiagnosticSeverity.Info, $"{count} `{kind}` record{(count == 1 ? string.Empty : "s")} ({what}) read but not analysed yet (the first here)", state.Graph.At(path));
        }

        if (state.TenantWideAssignments > 0)
        {
            diagnostics.Add(AzureHoundDiagnosticCodes.TenantOrUnitScope, DiagnosticSeverity.Info, $"{state.TenantWideAssignments} directory role assignment{(state.TenantWideAssignments == 1 ? " is" : "s are")} scoped `/`: AzureHound (since 2024) also writes an assignment scoped to an administrative unit as `/`, so some may be narrower than the tenant-wide scope they are read with; export `/roleManagement/directory/roleAssignments` from Graph to tell them apart", state.Graph.At(state.FirstTenantWide!));
        }
    }

    /// <summary>The tenant root group has no parent, and AzureHound writes no parent field at all: it is the group named after the tenant.</summary>
    private void MarkTenantRoot(FileState state)
    {
        var groups = azure.Hierarchy.ManagementGroups;
        for (var i = 0; i < groups.Count; i++)
        {
            if (!groups[i].ParentKnown && state.TenantIds.Contains(groups[i].Name))
            {
                groups[i] = groups[i] with { IsTenantRoot = true };
            }
        }
    }

    private void Malformed(FileState state, string message, string path) =>
        diagnostics.Add(AzureHoundDiagnosticCodes.MalformedRecord, DiagnosticSeverity.Error, message, state.Graph.At(path));

    /// <summary>Counts a record of a kind, located at the first record (not its <c>data</c>).</summary>
    private static void Count(SortedDictionary<string, (int Count, string Path)> counts, string kind, string dataPath) =>
        counts[kind] = counts.TryGetValue(kind, out var seen) ? (seen.Count + 1, seen.Path) : (1, dataPath.EndsWith(".data", StringComparison.Ordinal) ? dataPath[..^5] : dataPath);

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private sealed record Reference(string Id, DirectoryObjectKind Kind, string? Name, string What, SourceLocation Location);

    private sealed class FileState(string file, GraphJson graph, ArmJson arm)
    {
        public string File { get; } = file;

        public GraphJson Graph { get; } = graph;

        public ArmJson Arm { get; } = arm;

        public SortedDictionary<string, (int Count, string Path)> Unknown { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, (int Count, string Path)> NotAnalysed { get; } = new(StringComparer.Ordinal);

        public HashSet<string> TenantIds { get; } = new(StringComparer.OrdinalIgnoreCase);

        public int EntraRecords { get; set; }

        public int AzureRecords { get; set; }

        public int TenantWideAssignments { get; set; }

        public string? FirstTenantWide { get; set; }
    }
}
