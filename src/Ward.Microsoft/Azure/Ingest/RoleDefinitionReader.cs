using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>
/// Reads one entry of <c>az role definition list</c> (flat: <c>roleName</c>, <c>roleType</c>, <c>permissions</c>)
/// or of the REST <c>roleDefinitions</c> list (the same under <c>properties</c>, with the role type as
/// <c>properties.type</c>).
/// </summary>
internal static class RoleDefinitionReader
{
    public static RoleDefinition? Read(ArmItem item, ArmJson json)
    {
        json.CheckFields(item, "role definition", KnownFields.RoleDefinition);
        var id = json.String(item, "id", required: true);
        var roleName = json.String(item, "roleName", required: true);
        if (id is null || roleName is null)
        {
            return null;
        }

        var name = json.String(item, "name") ?? RoleDefinition.GuidOf(id);
        if (!string.Equals(RoleDefinition.GuidOf(id), name, StringComparison.OrdinalIgnoreCase))
        {
            json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"role definition `{roleName}`: `name` `{name}` is not the GUID at the end of its `id`; the id's GUID is used", item.Path);
            name = RoleDefinition.GuidOf(id);
        }

        // The az CLI calls it `roleType`; the REST form keeps it as `properties.type` (the top-level `type` is the resource type).
        var typeText = item.Text("roleType") ?? (item.HasProperties && item.Properties.TryGetProperty("type", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.String ? t.GetString() : null);
        var roleType = typeText switch
        {
            _ when string.Equals(typeText, "BuiltInRole", StringComparison.OrdinalIgnoreCase) => RoleType.BuiltInRole,
            _ when string.Equals(typeText, "CustomRole", StringComparison.OrdinalIgnoreCase) => RoleType.CustomRole,
            _ => RoleType.Unknown,
        };

        return new RoleDefinition
        {
            Id = id,
            Name = name.ToLowerInvariant(),
            RoleName = roleName,
            RoleType = roleType,
            Description = json.String(item, "description"),
            AssignableScopes = json.Strings(item, "assignableScopes"),
            Permissions = json.Permissions(item, $"role definition `{roleName}`"),
            Location = json.At(item.Path),
        };
    }
}
