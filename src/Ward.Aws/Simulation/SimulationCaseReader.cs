using System.Collections.Immutable;
using System.Text.Json;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Parsing;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Simulation;

/// <summary>
/// Reads the neutral AWS simulation case format, one JSON object per line. A line that cannot be read yields a
/// result with diagnostics and no case; reading goes on with the next line.
/// </summary>
public static class SimulationCaseReader
{
    public const string MalformedLine = "WARD3001";
    public const string MissingField = "WARD3002";

    public static IEnumerable<SimulationCaseResult> Read(TextReader reader, string fileName)
    {
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return ReadLine(line, fileName, lineNumber);
        }
    }

    public static SimulationCaseResult ReadLine(string line, string fileName, int lineNumber)
    {
        var location = new SourceLocation(fileName, JsonPath.Root, lineNumber);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException exception)
        {
            return Failed(lineNumber, null, new Diagnostic(MalformedLine, DiagnosticSeverity.Error, $"line {lineNumber} is not valid JSON: {exception.Message}", location.WithLine(lineNumber, (int?)exception.BytePositionInLine + 1)));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Failed(lineNumber, null, new Diagnostic(MalformedLine, DiagnosticSeverity.Error, $"line {lineNumber} must be a JSON object", location));
            }

            var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
            if (id is null)
            {
                diagnostics.Add(new Diagnostic(MissingField, DiagnosticSeverity.Error, "case has no string `id`", location.WithPath("$.id")));
            }

            if (!root.TryGetProperty("request", out var requestElement) || requestElement.ValueKind != JsonValueKind.Object)
            {
                diagnostics.Add(new Diagnostic(MissingField, DiagnosticSeverity.Error, "case has no `request` object", location.WithPath("$.request")));
                return new SimulationCaseResult(lineNumber, id, null, diagnostics.ToImmutable());
            }

            var principalText = requestElement.TryGetProperty("principal", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            var action = RequiredString(requestElement, "action", "$.request.action", location, diagnostics);
            var resource = RequiredString(requestElement, "resource", "$.request.resource", location, diagnostics);
            var context = ReadContext(requestElement, location, diagnostics);
            var resourceAccount = root.TryGetProperty("resourceAccount", out var ra) && ra.ValueKind == JsonValueKind.String ? ra.GetString() : null;
            var principalAccount = root.TryGetProperty("principalAccount", out var pa) && pa.ValueKind == JsonValueKind.String ? pa.GetString() : null;

            var principal = AwsPrincipal.Parse(principalText);
            if (principal.Account is null && principalAccount is not null && principal.IsAuthenticated && principal.Type != AwsPrincipalType.Service)
            {
                principal = principal with { Account = principalAccount };
            }

            var policies = new AwsPolicySet
            {
                IdentityPolicies = ReadPolicyArray(root, "identityPolicies", PolicyKind.Identity, location, diagnostics),
                PermissionsBoundary = ReadPolicy(root, "permissionBoundary", PolicyKind.PermissionsBoundary, location, diagnostics),
                SessionPolicy = ReadPolicy(root, "sessionPolicy", PolicyKind.Session, location, diagnostics),
                ServiceControlPolicies = ReadLevels(root, "scps", PolicyKind.ServiceControl, location, diagnostics),
                ResourceControlPolicies = ReadLevels(root, "rcps", PolicyKind.ResourceControl, location, diagnostics),
                ResourcePolicy = ReadPolicy(root, "resourcePolicy", ResourcePolicyKind(action), location, diagnostics),
            };

            var expected = root.TryGetProperty("expected", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            if (id is null || action is null || resource is null)
            {
                return new SimulationCaseResult(lineNumber, id, null, diagnostics.ToImmutable());
            }

            var request = new AwsRequest
            {
                Principal = principal,
                Action = action,
                Resource = resource,
                ResourceAccount = resourceAccount,
                Context = context,
            };
            return new SimulationCaseResult(lineNumber, id, new SimulationCase(id, request, policies, expected), diagnostics.ToImmutable());
        }

        SimulationCaseResult Failed(int line, string? caseId, Diagnostic diagnostic) => new(line, caseId, null, [diagnostic]);
    }

    private static PolicyKind ResourcePolicyKind(string? action) =>
        action is not null && action.StartsWith("sts:", StringComparison.OrdinalIgnoreCase) ? PolicyKind.RoleTrust : PolicyKind.Resource;

    private static string? RequiredString(JsonElement parent, string name, string path, SourceLocation location, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        diagnostics.Add(new Diagnostic(MissingField, DiagnosticSeverity.Error, $"case has no string `{name}`", location.WithPath(path)));
        return null;
    }

    private static RequestContext ReadContext(JsonElement request, SourceLocation location, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (!request.TryGetProperty("context", out var contextElement) || contextElement.ValueKind == JsonValueKind.Null)
        {
            return RequestContext.Empty;
        }

        if (contextElement.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Add(new Diagnostic(MissingField, DiagnosticSeverity.Error, "`request.context` must be an object", location.WithPath("$.request.context")));
            return RequestContext.Empty;
        }

        var values = new List<KeyValuePair<string, ContextValue>>();
        foreach (var property in contextElement.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                values.Add(new(property.Name, ContextValue.Of(property.Value.EnumerateArray().Select(Scalar).OfType<string>())));
            }
            else if (Scalar(property.Value) is { } single)
            {
                values.Add(new(property.Name, ContextValue.Of(single)));
            }
            else
            {
                diagnostics.Add(new Diagnostic(MissingField, DiagnosticSeverity.Warning, $"context key `{property.Name}` has an unsupported value and is ignored", location.WithPath(JsonPath.Property("$.request.context", property.Name))));
            }
        }

        return RequestContext.Closed(values);
    }

    private static string? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => element.GetRawText(),
        _ => null,
    };

    private static NamedPolicy? ReadPolicy(JsonElement root, string name, PolicyKind kind, SourceLocation location, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return Parse(element, name, $"$.{name}", kind, location, diagnostics);
    }

    private static ImmutableArray<NamedPolicy> ReadPolicyArray(JsonElement root, string name, PolicyKind kind, SourceLocation location, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var policies = ImmutableArray.CreateBuilder<NamedPolicy>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (Parse(item, $"{name}[{index}]", $"$.{name}[{index}]", kind, location, diagnostics) is { } policy)
            {
                policies.Add(policy);
            }

            index++;
        }

        return policies.ToImmutable();
    }

    private static ImmutableArray<ControlPolicyLevel> ReadLevels(JsonElement root, string name, PolicyKind kind, SourceLocation location, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var levels = ImmutableArray.CreateBuilder<ControlPolicyLevel>();
        var levelIndex = 0;
        foreach (var level in element.EnumerateArray())
        {
            var policies = ImmutableArray.CreateBuilder<NamedPolicy>();
            var index = 0;
            if (level.ValueKind != JsonValueKind.Array)
            {
                diagnostics.Add(new Diagnostic(MissingField, DiagnosticSeverity.Error, $"each level of `{name}` must be an array of policies", location.WithPath($"$.{name}[{levelIndex}]")));
                levelIndex++;
                continue;
            }

            foreach (var item in level.EnumerateArray())
            {
                if (Parse(item, $"{name}[{levelIndex}][{index}]", $"$.{name}[{levelIndex}][{index}]", kind, location, diagnostics) is { } policy)
                {
                    policies.Add(policy);
                }

                index++;
            }

            levels.Add(new ControlPolicyLevel(LevelName(levelIndex, element.GetArrayLength()), policies.ToImmutable()));
            levelIndex++;
        }

        return levels.ToImmutable();
    }

    private static string LevelName(int index, int count) =>
        index == 0 ? "root" : index == count - 1 ? "account" : $"OU level {index}";

    private static NamedPolicy? Parse(JsonElement element, string name, string path, PolicyKind kind, SourceLocation location, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var result = PolicyParser.Parse(element, kind, location.WithPath(path));
        diagnostics.AddRange(result.Diagnostics);
        return result.Document is { } document ? new NamedPolicy(name, document) : null;
    }
}
