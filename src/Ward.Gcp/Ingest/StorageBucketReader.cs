using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Reads a Cloud Storage bucket from its Cloud Asset Inventory resource data (the JSON API's bucket resource):
/// <c>name</c> and <c>iamConfiguration.publicAccessPrevention</c>.
/// </summary>
internal static class StorageBucketReader
{
    private const string AssetPrefix = "//storage.googleapis.com/";

    private static readonly string[] PreventionValues = ["enforced", "inherited", "unspecified"];

    public static StorageBucket? Read(GcpEntry data, GcpJson json, string assetName)
    {
        var name = json.String(data, "name") ?? (assetName.StartsWith(AssetPrefix, StringComparison.Ordinal) ? assetName[AssetPrefix.Length..] : null);
        if (string.IsNullOrEmpty(name))
        {
            json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"bucket asset `{assetName}` has no `name` and its asset name is not `{AssetPrefix}NAME`; skipped", data.Path);
            return null;
        }

        var configuration = json.Object(data, "iamConfiguration");
        var prevention = configuration is { } c ? json.String(c, "publicAccessPrevention") : null;
        if (prevention is not null && !PreventionValues.Contains(prevention, StringComparer.OrdinalIgnoreCase))
        {
            json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"bucket `{name}` has an unknown `iamConfiguration.publicAccessPrevention` `{prevention}` (expected `enforced` or `inherited`): read as not enforced by the bucket", configuration!.Value.Path);
        }

        return new StorageBucket { Name = name, PublicAccessPrevention = prevention, Location = json.At(data.Path) };
    }
}
