using System.Collections.Immutable;
using System.Globalization;
using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Reads principal access boundary policies as <c>gcloud iam principal-access-boundary-policies describe|list
/// --organization=ORG --location=global --format=json</c> prints them, and their policy bindings as <c>gcloud iam
/// policy-bindings list --organization|--folder|--project=ID --location=global --format=json</c> does.
/// </summary>
internal static class PrincipalAccessBoundaryReader
{
    private const string PolicyCollection = "principalAccessBoundaryPolicies";
    private const string BindingCollection = "policyBindings";
    private const string BoundaryKind = "PRINCIPAL_ACCESS_BOUNDARY";

    /// <summary>Whether a name is a principal access boundary policy's: <c>organizations/ORG/locations/LOCATION/principalAccessBoundaryPolicies/ID</c>.</summary>
    public static bool IsPolicyName(string name) => name.Split('/') is ["organizations", { Length: > 0 }, "locations", { Length: > 0 }, PolicyCollection, { Length: > 0 }];

    /// <summary>Whether a name is a policy binding's: <c>organizations|folders|projects/ID/locations/LOCATION/policyBindings/ID</c>.</summary>
    public static bool IsBindingName(string name) =>
        name.Split('/') is ["organizations" or "folders" or "projects", { Length: > 0 }, "locations", { Length: > 0 }, BindingCollection, { Length: > 0 }];

    public static PrincipalAccessBoundaryPolicy? ReadPolicy(GcpEntry entry, GcpJson json)
    {
        var name = json.String(entry, "name", requiredBy: "a principal access boundary policy")!;
        if (json.Object(entry, "details") is not { } details || !details.Has("rules"))
        {
            json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"principal access boundary policy `{name}` has no `details.rules`: which resources it makes eligible is unknown; skipped (its bindings are taken as naming a policy not exported)", entry.Path);
            return null;
        }

        var rules = ImmutableArray.CreateBuilder<PrincipalAccessBoundaryRule>();
        foreach (var rule in json.Objects(details, "rules"))
        {
            var effect = json.String(rule, "effect");
            if (!string.Equals(effect, "ALLOW", StringComparison.Ordinal))
            {
                json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, effect is null
                    ? "a principal access boundary rule without `effect` (Google defines only `ALLOW`); skipped"
                    : $"a principal access boundary rule with effect `{effect}` (Google defines only `ALLOW`); skipped", rule.Path);
                continue;
            }

            var resources = ImmutableArray.CreateBuilder<string>();
            foreach (var resource in json.Strings(rule, "resources"))
            {
                if (ResourceNames.ContainerKind(resource) is null || !resource.StartsWith(ResourceNames.ResourceManager, StringComparison.Ordinal))
                {
                    rule.TryGet("resources", out _, out var path);
                    json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"`{resource}` is not the full name of an organization, folder or project (`//cloudresourcemanager.googleapis.com/projects/ID`), the only resources a principal access boundary rule may list; ignored", path);
                    continue;
                }

                resources.Add(resource);
            }

            rules.Add(new PrincipalAccessBoundaryRule { Resources = resources.ToImmutable(), Description = json.String(rule, "description"), Path = rule.Path });
        }

        // Google's examples print the version as a string or as a number.
        var version = json.Identifier(details, "enforcementVersion");
        if (version is not null && version != "latest" && !int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            details.TryGet("enforcementVersion", out _, out var path);
            json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"enforcement version `{version}` is neither a number nor `latest`: which permissions the policy can block is read as unknown", path);
        }

        return new PrincipalAccessBoundaryPolicy
        {
            Name = name,
            DisplayName = json.String(entry, "displayName"),
            Rules = rules.ToImmutable(),
            EnforcementVersion = version,
            Location = json.At(entry.Path),
        };
    }

    public static PolicyBinding? ReadBinding(GcpEntry entry, GcpJson json)
    {
        if (json.String(entry, "name", requiredBy: "a policy binding") is not { } name)
        {
            return null;
        }

        var kind = json.String(entry, "policyKind");
        if (kind is not null && kind != BoundaryKind)
        {
            json.Report(GcpDiagnosticCodes.NotRead, DiagnosticSeverity.Info, $"policy binding `{name}` binds a policy of kind `{kind}`; Ward reads only `{BoundaryKind}` bindings; skipped", entry.Path);
            return null;
        }

        var target = json.Object(entry, "target");
        var principalSet = target is { } t ? json.String(t, "principalSet", requiredBy: "a policy binding's target") : null;
        if (target is null)
        {
            json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"policy binding `{name}` has no `target`: whom it applies to is unknown; skipped", entry.Path);
        }

        if (principalSet is null || json.String(entry, "policy", requiredBy: "a policy binding") is not { } policy)
        {
            return null;
        }

        if (kind is null && !IsPolicyName(policy))
        {
            json.Report(GcpDiagnosticCodes.NotRead, DiagnosticSeverity.Info, $"policy binding `{name}` has no `policyKind` and binds `{policy}`, which is not a principal access boundary policy; skipped", entry.Path);
            return null;
        }

        if (!PrincipalSetName.TryParse(principalSet, out _))
        {
            target!.Value.TryGet("principalSet", out _, out var path);
            json.Report(GcpDiagnosticCodes.UnknownPrincipalSet, DiagnosticSeverity.Warning, $"principal set `{principalSet}` is of no form Ward knows (organization, folder, project, workforce or workload identity pool, Google Workspace customer): which principals it holds is not decided, so answers for any principal stay conditional on it", path);
        }

        BindingCondition? condition = null;
        if (json.Object(entry, "condition") is { } c)
        {
            // Google enforces the policy when it cannot evaluate the condition, so one without an expression is kept, undecidable.
            var expression = json.String(c, "expression");
            if (string.IsNullOrWhiteSpace(expression))
            {
                json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"the condition of policy binding `{name}` has no `expression`; it is kept with an empty expression, which cannot be decided", c.Path);
            }

            json.CheckCondition(expression, c.Path, $"policy binding `{name}`");
            condition = new BindingCondition { Expression = expression ?? string.Empty, Title = json.String(c, "title"), Description = json.String(c, "description") };
        }

        return new PolicyBinding { Name = name, PrincipalSet = principalSet, Policy = policy, Condition = condition, Location = json.At(entry.Path) };
    }
}
