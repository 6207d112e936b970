using System.Collections.Immutable;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Reads a result of <c>gcloud asset search-all-iam-policies --format=json</c> (<c>IamPolicySearchResult</c>):
/// <c>resource</c>, <c>assetType</c>, <c>project</c>, <c>folders</c>, <c>organization</c> and the <c>policy</c>.
/// </summary>
internal static class PolicySearchResultReader
{
    public static IamPolicy? Read(GcpEntry entry, GcpJson json)
    {
        var resource = json.String(entry, "resource", "a policy search result");
        if (resource is null)
        {
            return null;
        }

        var assetType = json.String(entry, "assetType", $"the policy search result of `{resource}`");
        if (assetType is null || json.Object(entry, "policy") is not { } policy)
        {
            return null;
        }

        var ancestors = ImmutableArray.CreateBuilder<string>();
        if (json.String(entry, "project") is { Length: > 0 } project)
        {
            ancestors.Add(project);
        }

        ancestors.AddRange(json.Strings(entry, "folders"));
        if (json.String(entry, "organization") is { Length: > 0 } organization)
        {
            ancestors.Add(organization);
        }

        return PolicyReader.Read(policy, resource, assetType, ancestors.ToImmutable(), json.At(entry.Path), json);
    }
}
