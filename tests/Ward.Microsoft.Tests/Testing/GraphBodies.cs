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

    public static string Member(string type, string id) => $$"""{"@odata.type": "#microsoft.graph.{{type}}", "id": "{{id}}"}""";
}
