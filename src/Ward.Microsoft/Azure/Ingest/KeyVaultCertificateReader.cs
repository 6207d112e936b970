using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Resources;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>
/// Reads one key vault certificate: an entry of <c>az keyvault certificate list</c> (<c>id</c>, <c>name</c>,
/// <c>x509ThumbprintHex</c>, <c>x509Thumbprint</c>, <c>attributes.enabled</c> and <c>expires</c>), of
/// <c>az keyvault certificate show</c> (the same, with the version in the id and the <c>policy</c> whose
/// <c>keyProperties.exportable</c> says whether the secret holds the private key), or of the Key Vault REST API
/// (<c>x5t</c>, <c>attributes.exp</c> in Unix seconds, <c>policy.key_props.exportable</c>).
/// </summary>
internal static class KeyVaultCertificateReader
{
    private const string CertificatesSegment = "certificates";

    // Where each form writes the thumbprint: the az CLI's hex and base64, the REST API's base64url.
    private static readonly string[] ThumbprintFields = ["x509ThumbprintHex", "x509Thumbprint", "x5t"];

    private static readonly string[] KeyPropertiesFields = ["keyProperties", "key_props"];

    /// <summary>Whether an entry is a key vault certificate: a Key Vault URL of a certificate, with a thumbprint.</summary>
    public static bool IsCertificate(ArmItem item) =>
        KeyVaultItems.VaultAndName(item.Text("id"), CertificatesSegment) is not null && ThumbprintFields.Any(item.Has);

    public static KeyVaultCertificate? Read(ArmItem item, ArmJson json)
    {
        var id = json.String(item, "id", required: true);
        if (id is null)
        {
            return null;
        }

        var idPath = item.PathOf("id");
        if (KeyVaultItems.VaultAndName(id, CertificatesSegment) is not var (vault, name))
        {
            json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{id}` is not a key vault certificate id (`https://{{vault}}.vault.azure.net/certificates/{{name}}`); skipped", idPath);
            return null;
        }

        var (field, text) = ThumbprintFields.Select(f => (Field: f, Text: json.String(item, f))).FirstOrDefault(t => t.Text is not null);
        if (CertificateThumbprint.Parse(text) is not { } thumbprint)
        {
            var path = item.PathOf(field ?? "x509ThumbprintHex");
            json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"certificate `{name}` of key vault `{vault}` has no readable thumbprint ({(text is null ? "none given" : $"`{text}` is not a SHA-1 thumbprint")}); skipped", path);
            return null;
        }

        var attributes = KeyVaultItems.Attributes(item, json, "certificate");
        return new KeyVaultCertificate
        {
            VaultName = vault,
            Name = json.String(item, "name") ?? name,
            Thumbprint = thumbprint,
            Enabled = KeyVaultItems.Enabled(attributes, json),
            Expires = KeyVaultItems.Expiry(attributes, json, "certificate"),
            Exportable = Exportable(item, json),
            Location = json.At(item.Path),
        };
    }

    /// <summary><c>policy.keyProperties.exportable</c> (az CLI) or <c>policy.key_props.exportable</c> (REST); null without a policy.</summary>
    private static bool? Exportable(ArmItem item, ArmJson json)
    {
        if (!item.TryGet("policy", out var policy, out var policyPath) || policy.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var policyItem = new ArmItem(policy, policyPath);
        foreach (var name in KeyPropertiesFields)
        {
            if (policyItem.TryGet(name, out var properties, out var path) && properties.ValueKind == JsonValueKind.Object)
            {
                var keyProperties = new ArmItem(properties, path);
                return keyProperties.Has("exportable") ? json.Boolean(keyProperties, "exportable") : null;
            }
        }

        return null;
    }
}
