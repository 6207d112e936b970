using System.Collections.Immutable;
using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Reads an IAM allow policy (<c>google.iam.v1.Policy</c>: <c>bindings</c> of <c>role</c>, <c>members</c> and an
/// optional <c>condition</c>; <c>etag</c>, <c>version</c>), wherever an export nests it.
/// </summary>
internal static class PolicyReader
{
    public static IamPolicy Read(GcpEntry policy, string resource, string assetType, ImmutableArray<string> ancestors, SourceLocation location, GcpJson json)
    {
        var bindings = ImmutableArray.CreateBuilder<Binding>();
        foreach (var binding in json.Objects(policy, "bindings"))
        {
            if (ReadBinding(binding, resource, json) is { } read)
            {
                bindings.Add(read);
            }
        }

        return new IamPolicy
        {
            Resource = resource,
            AssetType = assetType,
            Bindings = bindings.ToImmutable(),
            Ancestors = ancestors,
            Etag = json.String(policy, "etag"),
            Version = json.Integer(policy, "version"),
            Location = location,
        };
    }

    private static Binding? ReadBinding(GcpEntry binding, string resource, GcpJson json)
    {
        var role = json.String(binding, "role", $"a binding of the policy on `{resource}`");
        if (role is null)
        {
            return null;
        }

        var members = ImmutableArray.CreateBuilder<Member>();
        if (binding.TryGet("members", out var list, out var listPath) && list.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var path = JsonPath.Index(listPath, index++);
                if (item.ValueKind != JsonValueKind.String)
                {
                    json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"a member must be a string, found {GcpJson.Describe(item.ValueKind)}; skipped", path);
                    continue;
                }

                var member = json.MemberOf(item.GetString()!);
                if (member.Kind == MemberKind.Unknown)
                {
                    json.Report(GcpDiagnosticCodes.UnknownMember, DiagnosticSeverity.Warning, $"member `{member.Text}` of `{role}` on `{resource}` is of no form Ward knows; kept as written, it matches no principal", path);
                }
                else if (member.IsDeleted)
                {
                    json.Report(GcpDiagnosticCodes.DeletedMember, DiagnosticSeverity.Info, $"`{role}` on `{resource}` is bound to deleted principal `{member.Text}`: it grants nothing to any current principal (it comes back only if that principal is undeleted)", path);
                }

                members.Add(member);
            }
        }
        else if (binding.Has("members"))
        {
            json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`members` must be an array of strings, found {GcpJson.Describe(list.ValueKind)}; the binding of `{role}` was skipped", listPath);
            return null;
        }
        else
        {
            json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Warning, $"the binding of `{role}` on `{resource}` has no `members`: it grants nothing", binding.Path);
        }

        return new Binding
        {
            Role = role,
            Members = members.ToImmutable(),
            Condition = ReadCondition(binding, role, json),
            Location = json.At(binding.Path),
        };
    }

    private static BindingCondition? ReadCondition(GcpEntry binding, string role, GcpJson json)
    {
        if (json.Object(binding, "condition") is not { } condition)
        {
            return null;
        }

        // Dropping a condition would widen the grant: one without an expression is kept, undecidable.
        var expression = json.String(condition, "expression");
        if (string.IsNullOrWhiteSpace(expression))
        {
            json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"the condition of the binding of `{role}` has no `expression`; it is kept with an empty expression, which cannot be decided", condition.Path);
        }

        json.CheckCondition(expression, condition.Path, $"the binding of `{role}`");

        return new BindingCondition
        {
            Expression = expression ?? string.Empty,
            Title = json.String(condition, "title"),
            Description = json.String(condition, "description"),
        };
    }
}
