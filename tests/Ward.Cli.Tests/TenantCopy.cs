using System.Text.Json.Nodes;

namespace Ward.Cli.Tests;

/// <summary>A scratch copy of an Entra ID export folder, changed the way Microsoft Graph would list the change.</summary>
internal sealed class TenantCopy : IDisposable
{
    private TenantCopy(string path) => Path = path;

    public string Path { get; }

    public static TenantCopy Of(string from)
    {
        var folder = Directory.CreateTempSubdirectory("ward-tenant-").FullName;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(folder, System.IO.Path.GetRelativePath(from, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return new TenantCopy(folder);
    }

    public void AddGrant(JsonObject grant) => Change("oauth2-permission-grants.json", page => page["value"]!.AsArray().Add(grant));

    public void AddRoleDefinition(JsonObject definition) => Change("role-definitions.json", page => page["value"]!.AsArray().Add(definition));

    public void AddRoleAssignment(JsonObject assignment) => Change("role-assignments.json", page => page["value"]!.AsArray().Add(assignment));

    public void AddServicePrincipal(JsonObject servicePrincipal) => Change("service-principals.json", page => page["value"]!.AsArray().Add(servicePrincipal));

    public void ChangeServicePrincipal(string id, Action<JsonObject> change) =>
        Change("service-principals.json", page => change(Item(page, id)));

    /// <summary>Adds an assignment to the resource's <c>appRoleAssignedTo</c> page, writing the page when the resource had none.</summary>
    public void AddAppRoleAssignment(string resourceId, JsonObject assignment)
    {
        var page = System.IO.Path.Combine("app-role-assigned-to", $"{resourceId}.json");
        if (!File.Exists(System.IO.Path.Combine(Path, page)))
        {
            File.WriteAllText(System.IO.Path.Combine(Path, page), new JsonObject { ["@odata.context"] = $"https://graph.microsoft.com/v1.0/$metadata#servicePrincipals('{resourceId}')/appRoleAssignedTo", ["value"] = new JsonArray() }.ToJsonString());
        }

        Change(page, p => p["value"]!.AsArray().Add(assignment));
    }

    public void ChangeAppRoleAssignment(string resourceId, string id, Action<JsonObject> change) =>
        Change(System.IO.Path.Combine("app-role-assigned-to", $"{resourceId}.json"), page => change(Item(page, id)));

    /// <summary>Adds a direct member, and the same transitive member (the group is not nested in another here).</summary>
    public void AddGroupMember(string groupId, JsonObject member)
    {
        Change(System.IO.Path.Combine("group-members", $"{groupId}.json"), page => page["value"]!.AsArray().Add(member.DeepClone()));
        Change(System.IO.Path.Combine("group-transitive-members", $"{groupId}.json"), page => page["value"]!.AsArray().Add(member.DeepClone()));
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);

    private static JsonObject Item(JsonNode page, string id) =>
        page["value"]!.AsArray().OfType<JsonObject>().Single(o => string.Equals(o["id"]?.GetValue<string>(), id, StringComparison.Ordinal));

    private void Change(string relativePath, Action<JsonNode> change)
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        var page = JsonNode.Parse(File.ReadAllText(file))!;
        change(page);
        File.WriteAllText(file, page.ToJsonString());
    }
}
