using System.Collections.Immutable;
using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Reads workload identity pools and providers as <c>gcloud iam workload-identity-pools list</c> and
/// <c>gcloud iam workload-identity-pools providers list --workload-identity-pool=POOL</c> print them (<c>--format=json</c>).
/// </summary>
internal static class WorkloadIdentityReader
{
    private const string Pools = "/workloadIdentityPools/";
    private const string Providers = "/providers/";

    public static bool IsPoolName(string name) => name.StartsWith("projects/", StringComparison.Ordinal) && name.Contains(Pools, StringComparison.Ordinal) && !name.Contains(Providers, StringComparison.Ordinal);

    public static bool IsProviderName(string name) => name.StartsWith("projects/", StringComparison.Ordinal) && name.Contains(Pools, StringComparison.Ordinal) && name.Contains(Providers, StringComparison.Ordinal);

    public static WorkloadIdentityPool ReadPool(GcpEntry entry, GcpJson json) => new()
    {
        Name = json.String(entry, "name")!,
        Disabled = json.Boolean(entry, "disabled"),
        State = json.String(entry, "state"),
        Location = json.At(entry.Path),
    };

    public static WorkloadIdentityProvider ReadProvider(GcpEntry entry, GcpJson json)
    {
        var name = json.String(entry, "name")!;
        var mapping = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (json.Object(entry, "attributeMapping") is { } map)
        {
            foreach (var attribute in map.Element.EnumerateObject())
            {
                if (attribute.Value.ValueKind == JsonValueKind.String)
                {
                    mapping[attribute.Name] = attribute.Value.GetString()!;
                }
                else
                {
                    json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"attribute mapping `{attribute.Name}` must be a CEL expression (a string), found {GcpJson.Describe(attribute.Value.ValueKind)}; ignored", JsonPath.Property(map.Path, attribute.Name));
                }
            }
        }

        var oidc = json.Object(entry, "oidc");
        var aws = json.Object(entry, "aws");
        if (oidc is null && aws is null && !entry.Has("saml") && !entry.Has("x509"))
        {
            json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Warning, $"workload identity provider `{name}` has no `oidc`, `aws`, `saml` or `x509` block: which tokens it accepts is unknown", entry.Path);
        }

        return new WorkloadIdentityProvider
        {
            Name = name,
            DisplayName = json.String(entry, "displayName"),
            Disabled = json.Boolean(entry, "disabled"),
            State = json.String(entry, "state"),
            IssuerUri = oidc is { } o ? json.String(o, "issuerUri") : null,
            AllowedAudiences = oidc is { } a ? json.Strings(a, "allowedAudiences") : [],
            AwsAccountId = aws is { } w ? json.Identifier(w, "accountId") : null,
            IsSaml = entry.Has("saml"),
            IsX509 = entry.Has("x509"),
            AttributeMapping = mapping.ToImmutable(),
            AttributeCondition = json.String(entry, "attributeCondition"),
            Location = json.At(entry.Path),
        };
    }
}
