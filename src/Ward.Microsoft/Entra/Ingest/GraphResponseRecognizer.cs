using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Entra.Ingest;

/// <summary>
/// Tells a Graph response from other JSON by its content: the <c>@odata.context</c> first, else the items'
/// <c>@odata.type</c>. Member and owner lists, which Graph answers without naming their parent, take the relation and
/// parent from the file's path (<see cref="RelationLayout"/>).
/// </summary>
internal static class GraphResponseRecognizer
{
    private static readonly FrozenDictionary<string, GraphCollection> ByType = new Dictionary<string, GraphCollection>(StringComparer.OrdinalIgnoreCase)
    {
        ["organization"] = GraphCollection.Organization,
        ["user"] = GraphCollection.Users,
        ["group"] = GraphCollection.Groups,
        ["administrativeUnit"] = GraphCollection.AdministrativeUnits,
        ["unifiedRoleDefinition"] = GraphCollection.RoleDefinitions,
        ["unifiedRoleAssignment"] = GraphCollection.RoleAssignments,
        ["unifiedRoleAssignmentScheduleInstance"] = GraphCollection.RoleAssignmentScheduleInstances,
        ["unifiedRoleEligibilitySchedule"] = GraphCollection.RoleEligibilitySchedules,
        ["unifiedRoleEligibilityScheduleInstance"] = GraphCollection.RoleEligibilityScheduleInstances,
        ["privilegedAccessGroupEligibilityScheduleInstance"] = GraphCollection.GroupEligibilityScheduleInstances,
        ["privilegedAccessGroupEligibilitySchedule"] = GraphCollection.GroupEligibilitySchedules,
        ["privilegedAccessGroupAssignmentScheduleInstance"] = GraphCollection.GroupAssignmentScheduleInstances,
        ["unifiedRoleManagementPolicyAssignment"] = GraphCollection.RoleManagementPolicyAssignments,
        ["application"] = GraphCollection.Applications,
        ["servicePrincipal"] = GraphCollection.ServicePrincipals,
        ["appRoleAssignment"] = GraphCollection.AppRoleAssignments,
        ["oAuth2PermissionGrant"] = GraphCollection.OAuth2PermissionGrants,
        ["conditionalAccessPolicy"] = GraphCollection.ConditionalAccessPolicies,
        ["authorizationPolicy"] = GraphCollection.AuthorizationPolicy,
        ["identitySecurityDefaultsEnforcementPolicy"] = GraphCollection.SecurityDefaultsPolicy,
        ["userRegistrationDetails"] = GraphCollection.UserRegistrationDetails,
        ["servicePrincipalSignInActivity"] = GraphCollection.ServicePrincipalSignInActivities,
        ["device"] = GraphCollection.Devices,
        ["managedDevice"] = GraphCollection.ManagedDevices,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> DirectoryObjectTypes = new[] { "user", "group", "servicePrincipal", "application", "device", "orgContact" }
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>What a parsed file is: a page to read, a Graph response not to read, or not Graph at all.</summary>
    public static RecognizedFile Recognize(string file, JsonElement root, DiagnosticBag diagnostics)
    {
        var context = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("@odata.context", out var contextElement) && contextElement.ValueKind == JsonValueKind.String
            ? GraphContext.Parse(contextElement.GetString()!)
            : null;
        var (items, nextLink, shapeProblem) = Envelope(root);

        GraphCollection? collection;
        string? parent = null;
        string description;
        if (context is not null)
        {
            collection = context.Collection;
            parent = context.Key;
            description = $"Graph {context.Version ?? "response"} `{context.Path.Replace("/{}", string.Empty, StringComparison.Ordinal)}`";
            if (collection is null)
            {
                diagnostics.Add(EntraDiagnosticCodes.GraphResponseNotRead, DiagnosticSeverity.Info, $"a Microsoft Graph response of `{context.Path}`, which Ward does not read; skipped", new SourceLocation(file, "$['@odata.context']"));
                return RecognizedFile.NotRead($"{description}: not read by Ward");
            }
        }
        else if (IsGraphError(root, out var code, out var message))
        {
            diagnostics.Add(EntraDiagnosticCodes.GraphResponseNotRead, DiagnosticSeverity.Warning, $"a Microsoft Graph error response was saved instead of data (`{code}`: {message}); the export of this collection failed (missing permission?)", new SourceLocation(file, "$.error"));
            return RecognizedFile.NotRead($"Graph error response `{code}`");
        }
        else if (TypeOf(items) is { } inferred)
        {
            collection = inferred;
            description = "Graph objects (recognised by `@odata.type`)";
        }
        else
        {
            return RecognizedFile.NotGraph;
        }

        if (shapeProblem is not null)
        {
            diagnostics.Add(EntraDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, shapeProblem, new SourceLocation(file, "$.value"));
            return RecognizedFile.NotRead($"{description}: malformed");
        }

        // Lists of directory objects in a relation folder are that relation, whatever their context says
        // (`/groups/{id}/members/microsoft.graph.user` answers `$metadata#users`).
        if (collection is GraphCollection.DirectoryObjects or GraphCollection.Users or GraphCollection.Groups or GraphCollection.ServicePrincipals or GraphCollection.Applications
                or GraphCollection.Devices
            && RelationLayout.Of(file) is { } relation)
        {
            collection = relation.Relation;
            parent = relation.Parent;
            if (parent is null)
            {
                diagnostics.Add(EntraDiagnosticCodes.RelationWithoutParent, DiagnosticSeverity.Error, $"a `{RelationLayout.FolderOf(relation.Relation)}` list whose parent cannot be told: the folder or file name after `{RelationLayout.FolderOf(relation.Relation)}/` must be the parent's object id; skipped", new SourceLocation(file, JsonPath.Root));
                return RecognizedFile.NotRead($"{description}: member or owner list of an unknown parent");
            }

            description = $"{description} as `{RelationLayout.FolderOf(relation.Relation)}` of `{parent}`";
        }
        else if (collection == GraphCollection.DirectoryObjects)
        {
            diagnostics.Add(EntraDiagnosticCodes.RelationWithoutParent, DiagnosticSeverity.Error, "a list of directory objects (`$metadata#directoryObjects`, as Graph answers for members and owners) that does not say whose it is: put it under `group-members/<group-id>/` (or another relation folder, docs/formats/entra.md); skipped", new SourceLocation(file, JsonPath.Root));
            return RecognizedFile.NotRead($"{description}: member or owner list of an unknown parent");
        }

        if (collection is GraphCollection.FederatedIdentityCredentials && parent is null)
        {
            diagnostics.Add(EntraDiagnosticCodes.RelationWithoutParent, DiagnosticSeverity.Error, "federated identity credentials that do not say whose they are (the `@odata.context` names no application); skipped", new SourceLocation(file, JsonPath.Root));
            return RecognizedFile.NotRead($"{description}: credentials of an unknown application");
        }

        return RecognizedFile.Page(new GraphPage
        {
            File = file,
            Collection = collection.Value,
            Parent = parent,
            Version = context?.Version,
            Selected = context?.Selected ?? [],
            Items = items,
            NextLink = nextLink,
            Description = description,
        });
    }

    /// <summary>The items of a collection (<c>value</c>), a single entity (the root object), or a bare array.</summary>
    private static (ImmutableArray<(JsonElement Item, string Path)> Items, string? NextLink, string? Problem) Envelope(JsonElement root)
    {
        var items = ImmutableArray.CreateBuilder<(JsonElement, string)>();
        switch (root.ValueKind)
        {
            case JsonValueKind.Array:
                Add(root, JsonPath.Root, items);
                return (items.ToImmutable(), null, null);
            case JsonValueKind.Object when root.TryGetProperty("value", out var value):
                var nextLink = root.TryGetProperty("@odata.nextLink", out var link) && link.ValueKind == JsonValueKind.String ? link.GetString() : null;
                if (value.ValueKind != JsonValueKind.Array)
                {
                    return ([], nextLink, $"`value` must be the array of the collection's objects, found {GraphJson.Describe(value.ValueKind)}; no object of this page was read");
                }

                Add(value, "$.value", items);
                return (items.ToImmutable(), nextLink, null);
            case JsonValueKind.Object:
                items.Add((root, JsonPath.Root));
                return (items.ToImmutable(), null, null);
            default:
                return ([], null, null);
        }
    }

    private static void Add(JsonElement array, string path, ImmutableArray<(JsonElement, string)>.Builder items)
    {
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            items.Add((item, JsonPath.Index(path, index++)));
        }
    }

    /// <summary>The collection the items' <c>@odata.type</c> names: one entity type, or a mix of directory objects.</summary>
    private static GraphCollection? TypeOf(ImmutableArray<(JsonElement Item, string Path)> items)
    {
        if (items.IsEmpty)
        {
            return null;
        }

        var types = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (item, _) in items)
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("@odata.type", out var type) || type.ValueKind != JsonValueKind.String
                || type.GetString() is not { } name || !name.StartsWith("#microsoft.graph.", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            types.Add(name["#microsoft.graph.".Length..]);
        }

        if (types.Count == 1 && ByType.TryGetValue(types.First(), out var collection))
        {
            return collection;
        }

        return types.All(DirectoryObjectTypes.Contains) ? GraphCollection.DirectoryObjects : null;
    }

    /// <summary>Graph's error body: <c>{"error": {"code", "message", "innerError": {"request-id" …}}}</c> (Azure Resource Manager errors have no request id inside).</summary>
    private static bool IsGraphError(JsonElement root, out string? code, out string? message)
    {
        code = null;
        message = null;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object
            || !error.TryGetProperty("innerError", out var inner) || inner.ValueKind != JsonValueKind.Object
            || !(inner.TryGetProperty("request-id", out _) || inner.TryGetProperty("client-request-id", out _)))
        {
            return false;
        }

        code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        return true;
    }
}
