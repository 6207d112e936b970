using System.Collections.Immutable;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Azure.Resources;
using Ward.Core.Inputs;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>
/// Merges what the files held into one estate: duplicates (the same built-in role in every subscription's list,
/// an inherited assignment in every subscription's export) are merged, conflicting duplicates reported, the
/// hierarchy assembled and checked, and dangling role definition ids reported.
/// </summary>
internal static class AzureEstateBuilder
{
    /// <summary>Builds the estate; <paramref name="source"/> gives the bytes diagnostics are located in, per file (by default the file itself).</summary>
    public static AzureEstate Build(ReadEntries entries, List<AzureInputFile> inputs, DiagnosticBag diagnostics, Func<string, ReadOnlyMemory<byte>?>? source = null)
    {
        var found = new DiagnosticBag();
        var definitions = Distinct(entries.RoleDefinitions, d => d.Name, SameDefinition, d => $"role definition `{d.RoleName}` ({d.Name})", d => d.Location, found);
        var assignments = Distinct(entries.RoleAssignments, a => a.Id, SameAssignment, a => $"role assignment `{a.Id}`", a => a.Location, found);
        var denies = Distinct(entries.DenyAssignments, d => d.Id, SameDeny, d => $"deny assignment `{d.DenyAssignmentName}` ({d.Id})", d => d.Location, found);

        // A schedule and its instances describe the same eligibility: one per principal, role, scope and condition.
        var eligibilities = entries.Eligibilities
            .DistinctBy(e => (e.PrincipalId.ToUpperInvariant(), e.RoleDefinitionGuid, e.Scope.Value.ToUpperInvariant(), e.Condition))
            .ToImmutableArray();

        // The instances at a management group are listed again by every scope below it (`atScope()`): one per id.
        var instances = Distinct(entries.AssignmentScheduleInstances, i => i.Id, SameInstance, i => $"role assignment schedule instance `{i.Id}`", i => i.Location, found);

        var hierarchy = BuildHierarchy(entries.Hierarchy, found);
        CheckRoleDefinitions(definitions, assignments, eligibilities, found);
        CheckPlacement(hierarchy, assignments, denies, eligibilities, found);
        CheckPages(entries, found);
        var resources = WithAccessPolicies(MergeResources(entries.Resources), entries.KeyVaultAccessPolicies, found);
        var certificates = MergeCertificates(entries.KeyVaultCertificates, resources, found);
        var secrets = MergeSecrets(entries.KeyVaultSecrets, resources, found);
        var federatedCredentials = MergeFederatedCredentials(entries.FederatedCredentials, resources, found);
        if (entries.Count == 0)
        {
            found.Add(AzureDiagnosticCodes.NothingUsable, DiagnosticSeverity.Error, "no Azure role definition, assignment, eligibility, assignment schedule instance, management group, subscription, classic administrator, resource, key vault certificate or secret, or federated credential was read from the inputs", new SourceLocation(inputs.Count == 0 ? string.Empty : inputs[0].Path));
        }

        diagnostics.AddRange(WithLines(found.ToSortedArray(), source));
        return new AzureEstate
        {
            RoleDefinitions = definitions,
            RoleAssignments = assignments,
            DenyAssignments = denies,
            EligibleAssignments = eligibilities,
            AssignmentScheduleInstances = instances,
            ActivationPolicies = ActivationPolicies(entries),
            Hierarchy = hierarchy,
            ClassicAdministrators = MergeClassicAdministrators(entries.ClassicAdministrators),
            Resources = resources,
            KeyVaultCertificates = certificates,
            KeyVaultSecrets = secrets,
            FederatedCredentials = federatedCredentials,
            Inputs = [.. inputs],
            Diagnostics = diagnostics.ToSortedArray(),
        };
    }

    /// <summary>One policy assignment per id (every scope below lists those above it again), with its policy's rules when it carries none.</summary>
    private static ImmutableArray<AzureActivationPolicy> ActivationPolicies(ReadEntries entries)
    {
        var policies = entries.RoleManagementPolicies.Where(p => p.Policy is not null).GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Policy, StringComparer.OrdinalIgnoreCase);
        return [.. entries.ActivationPolicies
            .DistinctBy(a => a.Id, StringComparer.OrdinalIgnoreCase)
            .Select(a => a.Policy is null && a.PolicyId is { } id && policies.TryGetValue(id, out var policy) ? a with { Policy = policy } : a)];
    }

    private static ImmutableArray<T> Distinct<T>(List<T> items, Func<T, string> key, Func<T, T, bool> same, Func<T, string> describe, Func<T, SourceLocation> location, DiagnosticBag diagnostics)
    {
        var first = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        var result = ImmutableArray.CreateBuilder<T>();
        foreach (var item in items)
        {
            if (first.TryGetValue(key(item), out var earlier))
            {
                // The same entry again (overlapping pages, an inherited assignment in every subscription) adds nothing.
                if (!same(earlier, item))
                {
                    diagnostics.Add(AzureDiagnosticCodes.Duplicate, DiagnosticSeverity.Warning, $"{describe(item)} appears again with different content; the first occurrence ({location(earlier)}) is used", location(item));
                }

                continue;
            }

            first.Add(key(item), item);
            result.Add(item);
        }

        return result.ToImmutable();
    }

    private static bool SameDefinition(RoleDefinition a, RoleDefinition b) =>
        string.Equals(a.RoleName, b.RoleName, StringComparison.Ordinal)
        && a.Permissions.Length == b.Permissions.Length
        && a.Permissions.Zip(b.Permissions).All(p => SameBlock(p.First, p.Second));

    private static bool SameBlock(PermissionBlock a, PermissionBlock b) =>
        a.Actions.SequenceEqual(b.Actions, StringComparer.OrdinalIgnoreCase)
        && a.NotActions.SequenceEqual(b.NotActions, StringComparer.OrdinalIgnoreCase)
        && a.DataActions.SequenceEqual(b.DataActions, StringComparer.OrdinalIgnoreCase)
        && a.NotDataActions.SequenceEqual(b.NotDataActions, StringComparer.OrdinalIgnoreCase)
        && string.Equals(a.Condition, b.Condition, StringComparison.Ordinal);

    private static bool SameAssignment(RoleAssignment a, RoleAssignment b) =>
        string.Equals(a.PrincipalId, b.PrincipalId, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.RoleDefinitionGuid, b.RoleDefinitionGuid, StringComparison.OrdinalIgnoreCase)
        && a.Scope == b.Scope
        && string.Equals(a.Condition, b.Condition, StringComparison.Ordinal);

    private static bool SameInstance(AssignmentScheduleInstance a, AssignmentScheduleInstance b) =>
        string.Equals(a.PrincipalId, b.PrincipalId, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.RoleDefinitionGuid, b.RoleDefinitionGuid, StringComparison.OrdinalIgnoreCase)
        && a.Scope == b.Scope
        && string.Equals(a.AssignmentType, b.AssignmentType, StringComparison.OrdinalIgnoreCase)
        && a.EndDateTime == b.EndDateTime;

    private static bool SameDeny(DenyAssignment a, DenyAssignment b) =>
        a.Scope == b.Scope
        && a.DoNotApplyToChildScopes == b.DoNotApplyToChildScopes
        && a.Permissions.Length == b.Permissions.Length
        && a.Permissions.Zip(b.Permissions).All(p => SameBlock(p.First, p.Second))
        && a.Principals.Select(p => p.Id).SequenceEqual(b.Principals.Select(p => p.Id), StringComparer.OrdinalIgnoreCase)
        && a.ExcludePrincipals.Select(p => p.Id).SequenceEqual(b.ExcludePrincipals.Select(p => p.Id), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// One entry per subscription and address: exports of several scopes of one subscription list the same
    /// administrators, and the REST form may give the Service and Account Administrator roles of one person apart.
    /// </summary>
    private static ImmutableArray<ClassicAdministrator> MergeClassicAdministrators(List<ClassicAdministrator> administrators) =>
        [.. administrators
            .GroupBy(a => (Subscription: a.SubscriptionId.ToUpperInvariant(), Email: a.EmailAddress.ToUpperInvariant()))
            .Select(g => g.First() with
            {
                Roles = [.. g.SelectMany(a => a.Roles).Distinct(StringComparer.OrdinalIgnoreCase)],
                PrincipalId = g.Select(a => a.PrincipalId).FirstOrDefault(id => id is not null),
            })];

    /// <summary>
    /// One entry per resource id: several exports describe one resource (<c>az resource list</c> without a vault's
    /// access policies, <c>az keyvault show</c> with them), so each fills in what the first left out.
    /// </summary>
    private static ImmutableArray<AzureResource> MergeResources(List<AzureResource> resources) =>
        [.. resources
            .GroupBy(r => r.Id)
            .Select(g => g.Aggregate((first, next) => first with
            {
                Region = first.Region ?? next.Region,
                SystemAssignedPrincipalId = first.SystemAssignedPrincipalId ?? next.SystemAssignedPrincipalId,
                UserAssignedIdentities = [.. first.UserAssignedIdentities.Concat(next.UserAssignedIdentities)
                    .GroupBy(u => u.IdentityId)
                    .Select(u => u.FirstOrDefault(a => a.PrincipalId is not null) ?? u.First())],
                IdentityPrincipalId = first.IdentityPrincipalId ?? next.IdentityPrincipalId,
                IdentityClientId = first.IdentityClientId ?? next.IdentityClientId,
                KeyVault = first.KeyVault ?? next.KeyVault,
                Cluster = first.Cluster ?? next.Cluster,
                StorageAccount = first.StorageAccount ?? next.StorageAccount,
                DeploymentStorage = first.DeploymentStorage ?? next.DeploymentStorage,
                UpgradePolicyMode = first.UpgradePolicyMode ?? next.UpgradePolicyMode,
            }))];

    /// <summary>Adds the access policies listed apart (AzureHound) to their vaults; a policy of a vault not in the inventory is reported.</summary>
    private static ImmutableArray<AzureResource> WithAccessPolicies(ImmutableArray<AzureResource> resources, List<(AzureScope VaultId, KeyVaultAccessPolicy Policy, SourceLocation Location)> policies, DiagnosticBag diagnostics)
    {
        if (policies.Count == 0)
        {
            return resources;
        }

        var byVault = policies.GroupBy(p => p.VaultId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (vault, listed) in byVault.Where(v => !resources.Any(r => r.Id == v.Key && r.KeyVault is not null)))
        {
            diagnostics.Add(AzureDiagnosticCodes.DanglingResource, DiagnosticSeverity.Warning, $"{listed.Count} access polic{(listed.Count == 1 ? "y names" : "ies name")} key vault `{vault.Value}`, whose settings are not in the inputs (whether the vault uses them is unknown); ignored", listed[0].Location);
        }

        return [.. resources.Select(r => r.KeyVault is { } vault && byVault.TryGetValue(r.Id, out var listed)
            ? r with { KeyVault = vault with { AccessPolicies = [.. vault.AccessPolicies.Concat(listed.Select(p => p.Policy)).DistinctBy(p => (p.ObjectId, p.ApplicationId))] } }
            : r)];
    }

    /// <summary>
    /// One entry per vault and certificate name: the list form and <c>show</c> describe one certificate, and only
    /// <c>show</c> gives its policy. A certificate of a vault the inventory does not hold is kept but reported: who
    /// may read it is decided at the vault's resource id, which only the inventory gives.
    /// </summary>
    private static ImmutableArray<KeyVaultCertificate> MergeCertificates(List<KeyVaultCertificate> certificates, ImmutableArray<AzureResource> resources, DiagnosticBag diagnostics)
    {
        var merged = certificates
            .GroupBy(c => (Vault: c.VaultName.ToUpperInvariant(), Name: c.Name.ToUpperInvariant()))
            .Select(g => g.First() with { Exportable = g.Where(c => c.Thumbprint == g.First().Thumbprint).Select(c => c.Exportable).FirstOrDefault(e => e is not null) })
            .ToImmutableArray();
        ReportMissingVaults(merged, c => c.VaultName, c => c.Location, "certificate", resources, diagnostics);
        return merged;
    }

    /// <summary>One entry per vault and secret name (pages and files may overlap); one of a vault the inventory does not hold is kept but reported, as certificates are.</summary>
    private static ImmutableArray<KeyVaultSecret> MergeSecrets(List<KeyVaultSecret> secrets, ImmutableArray<AzureResource> resources, DiagnosticBag diagnostics)
    {
        // One entry per secret: the current one (no version in its id) when given, whatever order the files came in;
        // among versions alone, an enabled one, whose value can still be read by its version id.
        var merged = secrets.GroupBy(s => (Vault: s.VaultName.ToUpperInvariant(), Name: s.Name.ToUpperInvariant()))
            .Select(g => g.OrderBy(s => s.IsVersion).ThenByDescending(s => s.Enabled).First())
            .ToImmutableArray();
        ReportMissingVaults(merged, s => s.VaultName, s => s.Location, "secret", resources, diagnostics);
        return merged;
    }

    /// <summary>Reports, once per vault, the items (<paramref name="noun"/>: "certificate") of a key vault the inventory does not hold: who may read them is decided at the vault's resource id.</summary>
    private static void ReportMissingVaults<T>(ImmutableArray<T> items, Func<T, string> vaultName, Func<T, SourceLocation> location, string noun, ImmutableArray<AzureResource> resources, DiagnosticBag diagnostics)
    {
        var vaults = resources.Where(r => r.IsOfType(AzureResourceTypes.KeyVault)).Select(r => r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var orphans in items.Where(i => !vaults.Contains(vaultName(i))).GroupBy(vaultName, StringComparer.OrdinalIgnoreCase))
        {
            var count = orphans.Count();
            diagnostics.Add(AzureDiagnosticCodes.DanglingResource, DiagnosticSeverity.Warning, $"{count} {noun}{(count == 1 ? " belongs" : "s belong")} to key vault `{orphans.Key}`, which is not in the resource inventory: who may read {(count == 1 ? "it" : "them")} is not decided (give `az resource list` of the vault's subscription)", location(orphans.First()));
        }
    }

    /// <summary>
    /// One entry per credential id (pages and files may overlap). A credential of an identity the inventory does not
    /// hold is kept, and reported: its identity's service principal is then known only if the directory export names
    /// the identity, and what the identity holds is not said.
    /// </summary>
    private static ImmutableArray<IdentityFederatedCredential> MergeFederatedCredentials(List<IdentityFederatedCredential> credentials, ImmutableArray<AzureResource> resources, DiagnosticBag diagnostics)
    {
        var merged = credentials.DistinctBy(c => c.Credential.Id!, StringComparer.OrdinalIgnoreCase).ToImmutableArray();
        var identities = resources.Where(r => r.IsOfType(AzureResourceTypes.UserAssignedIdentity)).Select(r => r.Id).ToHashSet();
        foreach (var orphans in merged.Where(c => !identities.Contains(c.IdentityId)).GroupBy(c => c.IdentityId))
        {
            var count = orphans.Count();
            diagnostics.Add(AzureDiagnosticCodes.DanglingResource, DiagnosticSeverity.Warning, $"{count} federated credential{(count == 1 ? " belongs" : "s belong")} to user-assigned identity `{orphans.Key.Value}`, which is not in the resource inventory: the service principal {(count == 1 ? "it signs" : "they sign")} in as is known only if the directory export names the identity (give `az identity list` or `az resource list` of its subscription)", orphans.First().Location);
        }

        return merged;
    }

    private static AzureHierarchy BuildHierarchy(HierarchyParts parts, DiagnosticBag diagnostics)
    {
        var groups = new Dictionary<string, ManagementGroup>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var group in parts.ManagementGroups)
        {
            if (!groups.TryGetValue(group.Name, out var earlier))
            {
                groups.Add(group.Name, group);
                order.Add(group.Name);
                continue;
            }

            if (earlier.ParentKnown && group.ParentKnown && (earlier.IsTenantRoot != group.IsTenantRoot || !string.Equals(earlier.ParentName, group.ParentName, StringComparison.OrdinalIgnoreCase)))
            {
                diagnostics.Add(AzureDiagnosticCodes.HierarchyProblem, DiagnosticSeverity.Error, $"management group `{group.Name}` has parent {Parent(group)} here but {Parent(earlier)} at {earlier.Location}; the first is used", group.Location);
                continue;
            }

            // The same group from another file (a tree and an entities list): keep what either knows.
            groups[group.Name] = earlier with
            {
                ParentName = earlier.ParentKnown ? earlier.ParentName : group.ParentName,
                IsTenantRoot = earlier.ParentKnown ? earlier.IsTenantRoot : group.IsTenantRoot,
                DisplayName = earlier.DisplayName == earlier.Name ? group.DisplayName : earlier.DisplayName,
            };
        }

        var subscriptions = new Dictionary<string, AzureSubscription>(StringComparer.OrdinalIgnoreCase);
        var subscriptionOrder = new List<string>();
        foreach (var subscription in parts.Subscriptions)
        {
            if (!subscriptions.TryGetValue(subscription.Id, out var earlier))
            {
                subscriptions.Add(subscription.Id, subscription);
                subscriptionOrder.Add(subscription.Id);
                continue;
            }

            if (earlier.ManagementGroupName is not null && subscription.ManagementGroupName is not null
                && !string.Equals(earlier.ManagementGroupName, subscription.ManagementGroupName, StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Add(AzureDiagnosticCodes.HierarchyProblem, DiagnosticSeverity.Error, $"subscription `{subscription.Id}` is in management group `{subscription.ManagementGroupName}` here but in `{earlier.ManagementGroupName}` at {earlier.Location}; the first is used", subscription.Location);
            }

            subscriptions[subscription.Id] = earlier with
            {
                ManagementGroupName = earlier.ManagementGroupName ?? subscription.ManagementGroupName,
                DisplayName = earlier.DisplayName == earlier.Id ? subscription.DisplayName : earlier.DisplayName,
                State = earlier.State ?? subscription.State,
                TenantId = earlier.TenantId ?? subscription.TenantId,
            };
        }

        var hierarchy = new AzureHierarchy
        {
            ManagementGroups = [.. order.Select(n => groups[n])],
            Subscriptions = [.. subscriptionOrder.Select(s => subscriptions[s])],
        };

        foreach (var group in hierarchy.ManagementGroups)
        {
            if (group.ParentName is { } parent && !groups.ContainsKey(parent))
            {
                diagnostics.Add(AzureDiagnosticCodes.HierarchyProblem, DiagnosticSeverity.Warning, $"management group `{group.Name}` has parent `{parent}`, which is not in the export: assignments above it are not known to reach it", group.Location);
            }
            else if (hierarchy.Ancestors(group.Scope).Gap is { } gap && gap.Contains("cycle", StringComparison.Ordinal))
            {
                diagnostics.Add(AzureDiagnosticCodes.HierarchyProblem, DiagnosticSeverity.Error, $"management group `{group.Name}` is in a parent cycle: {gap}", group.Location);
            }
        }

        if (hierarchy.ManagementGroups.Count(g => g.IsTenantRoot) > 1)
        {
            var roots = hierarchy.ManagementGroups.Where(g => g.IsTenantRoot).ToList();
            diagnostics.Add(AzureDiagnosticCodes.HierarchyProblem, DiagnosticSeverity.Warning, $"several management groups have no parent ({string.Join(", ", roots.Select(g => $"`{g.Name}`"))}): exports of several tenants, or a group exported alone", roots[1].Location);
        }

        foreach (var subscription in hierarchy.Subscriptions)
        {
            if (subscription.ManagementGroupName is { } group && !groups.ContainsKey(group))
            {
                diagnostics.Add(AzureDiagnosticCodes.HierarchyProblem, DiagnosticSeverity.Warning, $"subscription `{subscription.Id}` is in management group `{group}`, which is not in the export", subscription.Location);
            }
        }

        return hierarchy;
    }

    private static string Parent(ManagementGroup group) => group.IsTenantRoot ? "none (tenant root)" : $"`{group.ParentName}`";

    private static void CheckRoleDefinitions(ImmutableArray<RoleDefinition> definitions, ImmutableArray<RoleAssignment> assignments, ImmutableArray<EligibleRoleAssignment> eligibilities, DiagnosticBag diagnostics)
    {
        if (definitions.IsEmpty && (assignments.Length > 0 || eligibilities.Length > 0))
        {
            var first = assignments.Length > 0 ? assignments[0].Location : eligibilities[0].Location;
            diagnostics.Add(AzureDiagnosticCodes.MissingRoleDefinition, DiagnosticSeverity.Error, "no role definitions were given (`az role definition list`): what any assignment grants is unknown, so decisions are indeterminate", first with { JsonPath = null });
            return;
        }

        var known = definitions.Select(d => d.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var assignment in assignments.Where(a => !known.Contains(a.RoleDefinitionGuid)))
        {
            var role = assignment.RoleDefinitionName is { } name ? $" (`{name}`)" : string.Empty;
            diagnostics.Add(AzureDiagnosticCodes.MissingRoleDefinition, DiagnosticSeverity.Error, $"role assignment `{assignment.Name}` names role definition `{assignment.RoleDefinitionId}`{role}, which is not in the export: decisions it could change are indeterminate", assignment.Location);
        }

        foreach (var eligibility in eligibilities.Where(e => !known.Contains(e.RoleDefinitionGuid)))
        {
            diagnostics.Add(AzureDiagnosticCodes.MissingRoleDefinition, DiagnosticSeverity.Warning, $"role eligibility `{eligibility.Id}` names role definition `{eligibility.RoleDefinitionId}`, which is not in the export: what activating it grants is unknown", eligibility.Location);
        }
    }

    /// <summary>Subscriptions the hierarchy does not place matter only when something is assigned at a management group.</summary>
    private static void CheckPlacement(AzureHierarchy hierarchy, ImmutableArray<RoleAssignment> assignments, ImmutableArray<DenyAssignment> denies, ImmutableArray<EligibleRoleAssignment> eligibilities, DiagnosticBag diagnostics)
    {
        var scopes = assignments.Select(a => (a.Scope, a.Location)).Concat(denies.Select(d => (d.Scope, d.Location))).Concat(eligibilities.Select(e => (e.Scope, e.Location))).ToList();
        if (!scopes.Exists(s => s.Scope.Kind == AzureScopeKind.ManagementGroup))
        {
            return;
        }

        var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var subscription in hierarchy.Subscriptions.Where(s => s.ManagementGroupName is null))
        {
            reported.Add(subscription.Id);
            diagnostics.Add(AzureDiagnosticCodes.UnplacedSubscription, DiagnosticSeverity.Warning, $"subscription `{subscription.Id}` (`{subscription.DisplayName}`) is not placed in the management-group hierarchy: whether assignments at management groups reach it is unknown (export `az account management-group entities list`)", subscription.Location);
        }

        foreach (var (scope, location) in scopes.Where(s => s.Scope.SubscriptionId is not null))
        {
            if (hierarchy.FindSubscription(scope.SubscriptionId!)?.ManagementGroupName is null && reported.Add(scope.SubscriptionId!))
            {
                diagnostics.Add(AzureDiagnosticCodes.UnplacedSubscription, DiagnosticSeverity.Warning, $"subscription `{scope.SubscriptionId}` is not placed in the management-group hierarchy: whether assignments at management groups reach it is unknown (export `az account management-group entities list`)", location);
            }
        }
    }

    private static void CheckPages(ReadEntries entries, DiagnosticBag diagnostics)
    {
        foreach (var kind in entries.Pages.GroupBy(p => p.Kind).Where(g => g.All(p => p.MoreFollow)))
        {
            diagnostics.Add(AzureDiagnosticCodes.LastPageMissing, DiagnosticSeverity.Warning, $"every page of {Describe(kind.Key)} has a `nextLink` (REST) or a skip token (Resource Graph): the last page is missing, so entries may be missing (give every page)", kind.First().Location);
        }
    }

    private static string Describe(ArmItemKind kind) => kind switch
    {
        ArmItemKind.RoleDefinition => "role definitions",
        ArmItemKind.RoleAssignment => "role assignments",
        ArmItemKind.DenyAssignment => "deny assignments",
        ArmItemKind.Eligibility => "role eligibilities",
        ArmItemKind.AssignmentScheduleInstance => "role assignment schedule instances",
        ArmItemKind.RoleManagementPolicyAssignment => "role management policy assignments",
        ArmItemKind.RoleManagementPolicy => "role management policies",
        ArmItemKind.ManagementGroup => "management groups",
        ArmItemKind.ClassicAdministrator => "classic administrators",
        ArmItemKind.Resource => "resources",
        ArmItemKind.KeyVaultCertificate => "key vault certificates",
        ArmItemKind.KeyVaultSecret => "key vault secrets",
        ArmItemKind.FederatedCredential => "federated credentials",
        _ => "subscriptions",
    };

    /// <summary>Adds lines to diagnostics found after reading (they name an entry by path); each such file is read once more.</summary>
    private static IEnumerable<Diagnostic> WithLines(ImmutableArray<Diagnostic> diagnostics, Func<string, ReadOnlyMemory<byte>?>? source)
    {
        foreach (var group in diagnostics.GroupBy(d => d.Location.File, StringComparer.Ordinal))
        {
            var list = group.ToList();
            if (group.Key.Length == 0 || !list.Exists(d => d.Location.Line is null && d.Location.JsonPath is not null))
            {
                foreach (var diagnostic in list)
                {
                    yield return diagnostic;
                }

                continue;
            }

            ReadOnlyMemory<byte>? bytes;
            try
            {
                bytes = source is null ? Utf8Input.Read(group.Key) : source(group.Key);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                bytes = null;
            }

            foreach (var diagnostic in bytes is not { } read ? list : JsonLineLocator.WithLines(list, read))
            {
                yield return diagnostic;
            }
        }
    }
}
