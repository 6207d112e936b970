namespace Ward.Microsoft.Tests.Testing;

/// <summary>Azure Resource Manager response bodies for tests, in the shape ARM returns them.</summary>
internal static class ArmBodies
{
    /// <summary>
    /// A deny assignments list (<c>GET …/providers/Microsoft.Authorization/denyAssignments</c>) holding one deny assignment
    /// as a deployment stack creates it: the actions denied, at the scope and below, to the principals but those excluded.
    /// </summary>
    /// <param name="scope">The scope it is set on.</param>
    /// <param name="guid">Its name, a GUID.</param>
    /// <param name="name">Its display name (<c>denyAssignmentName</c>).</param>
    /// <param name="description">Its description.</param>
    /// <param name="actions">The actions it denies.</param>
    /// <param name="principals">The principals it denies them to, as JSON objects (<see cref="Principal"/>), comma-separated.</param>
    /// <param name="excludePrincipals">The principals it leaves out, the same way.</param>
    public static string DenyAssignments(string scope, string guid, string name, string description, IEnumerable<string> actions, string principals, string excludePrincipals = "") =>
        $$"""
        {
          "value": [
            {
              "properties": {
                "denyAssignmentName": "{{name}}",
                "description": "{{description}}",
                "permissions": [{"actions": [{{string.Join(", ", actions.Select(a => $"\"{a}\""))}}], "notActions": [], "dataActions": [], "notDataActions": []}],
                "scope": "{{scope}}",
                "doNotApplyToChildScopes": false,
                "principals": [{{principals}}],
                "excludePrincipals": [{{excludePrincipals}}],
                "isSystemProtected": true
              },
              "id": "{{scope}}/providers/Microsoft.Authorization/denyAssignments/{{guid}}",
              "type": "Microsoft.Authorization/denyAssignments",
              "name": "{{guid}}"
            }
          ]
        }
        """;

    /// <summary>A principal of a deny assignment (<c>type</c> <c>User</c>, <c>Group</c>, <c>ServicePrincipal</c> or <c>SystemDefined</c>).</summary>
    public static string Principal(string id, string type = "User") => $$"""{"id": "{{id}}", "type": "{{type}}"}""";
}
