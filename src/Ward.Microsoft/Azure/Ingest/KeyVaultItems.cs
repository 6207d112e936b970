using System.Text.Json;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>
/// What the lists of a key vault's items (certificates, secrets) share: the item's URL
/// (<c>https://{vault}.vault.azure.net/{collection}/{name}</c>) and its <c>attributes</c>, which the az CLI writes with
/// ISO dates (<c>expires</c>) and the Key Vault REST API with Unix seconds (<c>exp</c>).
/// </summary>
internal static class KeyVaultItems
{
    /// <summary>The vault name (the host's first label) and item name of a Key Vault URL of the collection; null for anything else.</summary>
    public static (string Vault, string Name)? VaultAndName(string? id, string collection)
    {
        if (!Uri.TryCreate(id, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !uri.Host.Contains(".vault.", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length is 2 or 3 && string.Equals(segments[0], collection, StringComparison.OrdinalIgnoreCase)
            ? (uri.Host[..uri.Host.IndexOf('.', StringComparison.Ordinal)], Uri.UnescapeDataString(segments[1]))
            : null;
    }

    /// <summary>The item's <c>attributes</c>; null when absent, or reported and null when not an object (<paramref name="what"/>: "certificate").</summary>
    public static ArmItem? Attributes(ArmItem item, ArmJson json, string what)
    {
        if (!item.TryGet("attributes", out var value, out var path))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"`attributes` must be an object, found {ArmJson.Describe(value.ValueKind)}; the {what} is read as enabled, with no expiry", path);
            return null;
        }

        return new ArmItem(value, path);
    }

    /// <summary><c>attributes.enabled</c>; an item without it is enabled.</summary>
    public static bool Enabled(ArmItem? attributes, ArmJson json) =>
        attributes is not { } a || !a.Has("enabled") || json.Boolean(a, "enabled");

    /// <summary><c>expires</c> as the az CLI writes it (an ISO date), or <c>exp</c> as the REST API does (Unix seconds).</summary>
    public static DateTimeOffset? Expiry(ArmItem? attributes, ArmJson json, string what)
    {
        if (attributes is not { } a)
        {
            return null;
        }

        if (a.Has("expires"))
        {
            return json.Date(a, "expires");
        }

        if (!a.TryGet("exp", out var exp, out var path))
        {
            return null;
        }

        if (exp.ValueKind == JsonValueKind.Number && exp.TryGetInt64(out var seconds) && seconds is >= 0 and <= 253402300799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"`exp` must be a time in Unix seconds, found {ArmJson.Describe(exp.ValueKind)}; the {what} is read as not expiring", path);
        return null;
    }
}
