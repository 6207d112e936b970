using System.Collections.Immutable;
using System.Text.Json;
using Ward.Analysis;

namespace Ward.Reporting;

/// <summary>How the JSON report and the SARIF result properties write a finding's escalation path (the same shape).</summary>
internal static class FindingJson
{
    public static void WritePath(Utf8JsonWriter json, ImmutableArray<PathStep> path)
    {
        json.WriteStartArray("path");
        foreach (var step in path)
        {
            json.WriteStartObject();
            json.WriteString("from", step.From);
            json.WriteString("technique", step.Technique);
            json.WriteString("to", step.To);
            if (step.ToName is not null)
            {
                json.WriteString("toName", step.ToName);
            }

            json.WriteString("description", step.Description);
            json.WriteStartArray("permissions");
            foreach (var permission in step.Permissions)
            {
                json.WriteStartObject();
                json.WriteString("action", permission.Action);
                json.WriteString("resource", permission.Resource);
                json.WriteString("grantedBy", permission.GrantedBy);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("requirements");
            foreach (var requirement in step.Requirements)
            {
                json.WriteStringValue(requirement);
            }

            json.WriteEndArray();
            json.WriteEndObject();
    }

        json.WriteEndArray();
    }
}
