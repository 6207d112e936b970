using System.Collections.Immutable;
using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Reads organization policies in both forms Google writes: v2 (<c>gcloud org-policies list/describe</c>: a
/// <c>name</c> such as <c>projects/123/policies/iam.disableServiceAccountKeyCreation</c>, a <c>spec</c> with
/// <c>rules[].enforce</c>, <c>values</c>, <c>condition</c>, <c>reset</c>, <c>inheritFromParent</c>) and v1 (the
/// <c>orgPolicy</c> list of a Cloud Asset Inventory asset, content type <c>org-policy</c>: <c>constraint</c> with
/// <c>booleanPolicy.enforced</c>, <c>listPolicy</c> or <c>restoreDefault</c>). The dry-run spec is not read: it
/// enforces nothing.
/// </summary>
internal static class OrgPolicyReader
{
    private const string ConstraintPrefix = "constraints/";

    /// <summary>Whether a name is a v2 policy's: <c>organizations|folders|projects/ID/policies/CONSTRAINT</c>.</summary>
    public static bool IsPolicyName(string name)
    {
        var parts = name.Split('/');
        return parts.Length == 4 && parts[0] is "organizations" or "folders" or "projects" && parts[1].Length > 0 && parts[2] == "policies" && parts[3].Length > 0;
    }

    /// <summary>A v2 policy, as <c>gcloud org-policies describe</c> prints it.</summary>
    public static OrgPolicy? ReadV2(GcpEntry entry, GcpJson json)
    {
        var name = json.String(entry, "name", "an organization policy");
        if (name is null)
        {
            return null;
        }

        if (!IsPolicyName(name))
        {
            entry.TryGet("name", out _, out var path);
            json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"organization policy `{name}` is not named `organizations|folders|projects/ID/policies/CONSTRAINT`; skipped", path);
            return null;
        }

        var parts = name.Split('/');
        var policy = new OrgPolicy { Resource = $"{parts[0]}/{parts[1]}", Constraint = parts[3], Location = json.At(entry.Path) };

        // A policy with a dry-run spec only enforces nothing yet: the node takes its parent's policy.
        if (json.Object(entry, "spec") is not { } spec)
        {
            return policy;
        }

        var rules = ImmutableArray.CreateBuilder<OrgPolicyRule>();
        foreach (var rule in json.Objects(spec, "rules"))
        {
            if (ReadRule(rule, name, json) is { } read)
            {
                rules.Add(read);
            }
        }

        var reset = json.Boolean(spec, "reset");
        if (reset && rules.Count > 0)
        {
            spec.TryGet("reset", out _, out var path);
            json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"organization policy `{name}` sets `reset` with rules (Google requires them empty); read as a reset", path);
        }

        return policy with { Reset = reset, Rules = reset ? [] : rules.ToImmutable() };
    }

    /// <summary>The v1 policies of an asset's <c>orgPolicy</c> list, set on the asset's node.</summary>
    public static IEnumerable<OrgPolicy> ReadV1(GcpEntry asset, string assetName, GcpJson json)
    {
        var resource = ResourceNames.Relative(assetName);
        foreach (var item in json.Objects(asset, "orgPolicy"))
        {
            var constraint = json.String(item, "constraint", $"an organization policy of `{resource}`");
            if (constraint is null)
            {
                continue;
            }

            var policy = new OrgPolicy { Resource = resource, Constraint = Unprefixed(constraint), Location = json.At(item.Path) };
            if (item.Has("restoreDefault"))
            {
                yield return policy with { Reset = true };
            }
            else if (json.Object(item, "booleanPolicy") is { } boolean)
            {
                // An empty booleanPolicy sets the constraint not enforced (proto3 leaves false out).
                yield return policy with { Rules = [new OrgPolicyRule(json.Boolean(boolean, "enforced"), null)] };
            }
            else if (item.Has("listPolicy"))
            {
                yield return policy with { Rules = [new OrgPolicyRule(null, null)] };
            }
            else
            {
                yield return policy;
            }
        }
    }

    private static OrgPolicyRule? ReadRule(GcpEntry rule, string name, GcpJson json)
    {
        string? condition = null;
        if (rule.TryGet("condition", out var value, out var conditionPath))
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`condition` must be an object, found {GcpJson.Describe(value.ValueKind)}; the rule of organization policy `{name}` was skipped", conditionPath);
                return null;
            }

            condition = json.String(new GcpEntry(value, conditionPath), "expression", $"a rule condition of organization policy `{name}`");
            if (condition is null)
            {
                return null;
            }

            json.CheckCondition(condition, conditionPath, $"a rule of organization policy `{name}`");
        }

        if (!rule.TryGet("enforce", out var enforce, out var enforcePath))
        {
            return new OrgPolicyRule(null, condition);
        }

        if (enforce.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`enforce` must be true or false, found {GcpJson.Describe(enforce.ValueKind)}; the rule of organization policy `{name}` was skipped", enforcePath);
            return null;
        }

        return new OrgPolicyRule(enforce.ValueKind == JsonValueKind.True, condition);
    }

    private static string Unprefixed(string constraint) =>
        constraint.StartsWith(ConstraintPrefix, StringComparison.Ordinal) ? constraint[ConstraintPrefix.Length..] : constraint;
}
