namespace Ward.Microsoft.Tests.Testing;

/// <summary>Graph response bodies for tests, in the shape Graph returns them.</summary>
internal static class GraphBodies
{
    public static string Collection(string context, string items, string? nextLink = null, string version = "v1.0") =>
        $$"""
        {
          "@odata.context": "https://graph.microsoft.com/{{version}}/$metadata#{{context}}",{{(nextLink is null ? string.Empty : $"\n  \"@odata.nextLink\": \"{nextLink}\",")}}
          "value": [{{items}}]
        }
        """;

    public static string User(string id, string name) => $$"""{"id": "{{id}}", "displayName": "{{name}}", "userPrincipalName": "{{name.Replace(' ', '.').ToLowerInvariant()}}@contoso.onmicrosoft.com", "userType": "Member", "accountEnabled": true}""";

    public static string Group(string id, string name) => $$"""{"id": "{{id}}", "displayName": "{{name}}", "isAssignableToRole": false, "groupTypes": [], "securityEnabled": true, "mailEnabled": false}""";

    public static string RoleAssignableGroup(string id, string name) => $$"""{"id": "{{id}}", "displayName": "{{name}}", "isAssignableToRole": true, "groupTypes": [], "membershipRule": null, "securityEnabled": true, "mailEnabled": false}""";

    public static string Member(string type, string id) => $$"""{"@odata.type": "#microsoft.graph.{{type}}", "id": "{{id}}"}""";

    /// <summary>A built-in role definition (its id is its template id, as Graph lists built-in roles).</summary>
    public static string BuiltInRole(string templateId, string name, params string[] actions) =>
        $$"""{"id": "{{templateId}}", "description": "", "displayName": "{{name}}", "isBuiltIn": true, "isEnabled": true, "resourceScopes": ["/"], "templateId": "{{templateId}}", "version": "1", "rolePermissions": [{"allowedResourceActions": [{{string.Join(", ", actions.Select(a => $"\"{a}\""))}}], "condition": null}], "inheritsPermissionsFrom": []}""";

    public static string RoleAssignment(string principalId, string roleDefinitionId, string directoryScopeId = "/") =>
        $$"""{"id": "{{roleDefinitionId}}_{{principalId}}_{{directoryScopeId.Replace('/', '_')}}", "principalId": "{{principalId}}", "roleDefinitionId": "{{roleDefinitionId}}", "directoryScopeId": "{{directoryScopeId}}", "appScopeId": null}""";
}
