using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>
/// Reads the management-group hierarchy and the subscriptions, from any of:
/// <list type="bullet">
/// <item><c>az account management-group show --name &lt;root&gt; --expand --recurse</c> (one group with nested
/// <c>children</c>; the REST form has them under <c>properties</c>);</item>
/// <item><c>az account management-group entities list</c> (every group and subscription with its <c>parent</c>);</item>
/// <item><c>az account management-group list</c> (groups without their place: the parent stays unknown);</item>
/// <item><c>az account list --all</c> and the REST subscriptions list (subscriptions without their place).</item>
/// </list>
/// </summary>
internal static class HierarchyReader
{
    private const string ManagementGroupPrefix = "/providers/Microsoft.Management/managementGroups/";

    // `treeParent`: the group whose `children` list holds this entry, when read from a tree.
    public static void ReadManagementGroup(ArmItem item, ArmJson json, HierarchyParts parts, string? treeParent = null, int depth = 0)
    {
        json.CheckFields(item, "management group", KnownFields.ManagementGroup);
        var id = json.String(item, "id");
        var name = json.String(item, "name") ?? (id is null ? null : LastSegment(id));
        if (name is null)
        {
            json.Report(AzureDiagnosticCodes.MissingField, DiagnosticSeverity.Error, "management group skipped: it has neither `name` nor `id`", item.Path);
            return;
        }

        var (parentName, isRoot) = treeParent is not null ? (treeParent, false) : ParentOf(item, json);
        parts.ManagementGroups.Add(new ManagementGroup
        {
            Name = name,
            DisplayName = json.String(item, "displayName") ?? name,
            ParentName = parentName,
            IsTenantRoot = isRoot,
            Location = json.At(item.Path),
        });

        if (depth > 64)
        {
            json.Report(AzureDiagnosticCodes.HierarchyProblem, DiagnosticSeverity.Error, "the management-group tree is nested deeper than 64 levels (Azure allows 6); the groups below were skipped", item.Path);
            return;
        }

        foreach (var (child, path) in json.Objects(item, "children"))
        {
            var childItem = new ArmItem(child, path);
            switch (ArmItemClassifier.Classify(child))
            {
                case ArmItemKind.ManagementGroup:
                    ReadManagementGroup(childItem, json, parts, name, depth + 1);
                    break;
                case ArmItemKind.Subscription:
                    ReadSubscription(childItem, json, parts, name);
                    break;
                default:
                    json.Report(AzureDiagnosticCodes.UnknownEntry, DiagnosticSeverity.Error, $"a child of management group `{name}` is neither a management group nor a subscription (`type` `{childItem.Text("type")}`); skipped", path);
                    break;
            }
        }
    }

    public static void ReadSubscription(ArmItem item, ArmJson json, HierarchyParts parts, string? treeParent = null)
    {
        json.CheckFields(item, "subscription", KnownFields.Subscription);
        var id = json.String(item, "subscriptionId") ?? SubscriptionIdOf(json.String(item, "id")) ?? json.String(item, "name");
        if (id is null || !Guid.TryParse(id, out _))
        {
            json.Report(AzureDiagnosticCodes.MissingField, DiagnosticSeverity.Error, id is null ? "subscription skipped: it has no id" : $"subscription skipped: `{id}` is not a subscription id (a GUID)", item.Path);
            return;
        }

        // `az account list` calls the display name `name`; the REST form and the hierarchy call it `displayName`.
        var isAccountList = item.Has("cloudName") || item.Has("isDefault") || item.Has("homeTenantId");
        var displayName = json.String(item, "displayName") ?? (isAccountList ? json.String(item, "name") : null) ?? id;
        var parent = treeParent ?? (item.Has("parent") ? ParentOf(item, json).Parent : null);
        parts.Subscriptions.Add(new AzureSubscription
        {
            Id = id.ToLowerInvariant(),
            DisplayName = displayName,
            State = json.String(item, "state"),
            TenantId = json.String(item, "tenantId"),
            ManagementGroupName = parent,
            Location = json.At(item.Path),
        });
    }

    /// <summary>
    /// Where a group sits when read on its own: <c>parent.id</c> (entities list) or <c>details.parent.id</c> (show).
    /// A group whose export carries the parent field but no id is the tenant root group; a group with no such
    /// field at all (<c>az account management-group list</c>) has an unknown place.
    /// </summary>
    private static (string? Parent, bool IsRoot) ParentOf(ArmItem item, ArmJson json)
    {
        JsonElement holder;
        string holderPath;
        if (item.TryGet("details", out var details, out var detailsPath) && details.ValueKind == JsonValueKind.Object)
        {
            (holder, holderPath) = (details, detailsPath);
        }
        else if (item.HolderOf("parent") is var (parentHolder, parentHolderPath) && parentHolder.TryGetProperty("parent", out _))
        {
            (holder, holderPath) = (parentHolder, parentHolderPath);
        }
        else if (item.Has("parentNameChain") || item.Has("numberOfChildren"))
        {
            return ByNameChain(item);
        }
        else
        {
            return (null, false);
        }

        if (!holder.TryGetProperty("parent", out var parent) || parent.ValueKind == JsonValueKind.Null)
        {
            return ByNameChain(item);
        }

        var parentPath = JsonPath.Property(holderPath, "parent");
        if (parent.ValueKind != JsonValueKind.Object)
        {
            json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`parent` must be an object, found {ArmJson.Describe(parent.ValueKind)}; the place of this entry is unknown", parentPath);
            return (null, false);
        }

        var parentItem = new ArmItem(parent, parentPath);
        var parentId = json.String(parentItem, "id");
        if (parentId is null)
        {
            return json.String(parentItem, "name") is { } parentName ? (parentName, false) : (null, true);
        }

        if (!parentId.StartsWith(ManagementGroupPrefix, StringComparison.OrdinalIgnoreCase) || parentId.Length == ManagementGroupPrefix.Length)
        {
            json.Report(AzureDiagnosticCodes.HierarchyProblem, DiagnosticSeverity.Error, $"parent `{parentId}` is not a management group id; the place of this entry is unknown", parentPath);
            return (null, false);
        }

        return (LastSegment(parentId), false);
    }

    /// <summary>
    /// A group without a parent id: the entities list's <c>parentNameChain</c> (root first) still names its parent, so
    /// only a group with an empty or absent chain is the tenant root (a group whose parent the caller may not read
    /// keeps its chain).
    /// </summary>
    private static (string? Parent, bool IsRoot) ByNameChain(ArmItem item) =>
        item.TryGet("parentNameChain", out var chain) && chain.ValueKind == JsonValueKind.Array && chain.GetArrayLength() > 0
            && chain[chain.GetArrayLength() - 1] is { ValueKind: JsonValueKind.String } last && !string.IsNullOrEmpty(last.GetString())
            ? (last.GetString(), false)
            : (null, true);

    private static string? SubscriptionIdOf(string? id)
    {
        if (id is null)
        {
            return null;
        }

        if (Guid.TryParse(id, out _))
        {
            return id;
        }

        return AzureScope.TryParse(id, out var scope, out _) && scope.Kind == AzureScopeKind.Subscription ? scope.SubscriptionId : null;
    }

    private static string LastSegment(string id)
    {
        var trimmed = id.TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }
}
