using System.Collections.Immutable;
using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Resources;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>
/// Reads one key vault secret's metadata: an entry of <c>az keyvault secret list</c> (<c>id</c>, <c>name</c>,
/// <c>contentType</c>, <c>tags</c>, <c>managed</c>, <c>attributes.enabled</c> and <c>expires</c>) or of the Key Vault
/// REST API's <c>GET {vault}/secrets</c> (no <c>name</c>; <c>attributes.exp</c> in Unix seconds). A value, should an
/// entry carry one (<c>az keyvault secret show</c>), is never read.
/// </summary>
internal static class KeyVaultSecretReader
{
    private const string SecretsSegment = "secrets";

    /// <summary>Whether an entry is a key vault secret: a Key Vault URL of a secret.</summary>
    public static bool IsSecret(ArmItem item) => KeyVaultItems.VaultAndName(item.Text("id"), SecretsSegment) is not null;

    public static KeyVaultSecret? Read(ArmItem item, ArmJson json)
    {
        var id = json.String(item, "id", required: true);
        if (id is null)
        {
            return null;
        }

        if (KeyVaultItems.VaultAndName(id, SecretsSegment) is not var (vault, name))
        {
            json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{id}` is not a key vault secret id (`https://{{vault}}.vault.azure.net/secrets/{{name}}`); skipped", item.PathOf("id"));
            return null;
        }

        var attributes = KeyVaultItems.Attributes(item, json, "secret");
        return new KeyVaultSecret
        {
            VaultName = vault,
            Name = json.String(item, "name") ?? name,
            ContentType = json.String(item, "contentType"),
            Tags = Tags(item, json),
            Enabled = KeyVaultItems.Enabled(attributes, json),
            Expires = KeyVaultItems.Expiry(attributes, json, "secret"),
            Managed = json.Boolean(item, "managed"),
            IsVersion = new Uri(id).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Length == 3,
            Location = json.At(item.Path),
        };
    }

    /// <summary><c>tags</c>, an object of strings.</summary>
    private static ImmutableArray<KeyValuePair<string, string>> Tags(ArmItem item, ArmJson json)
    {
        if (!item.TryGet("tags", out var tags, out var path))
        {
            return [];
        }

        if (tags.ValueKind != JsonValueKind.Object)
        {
            json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"`tags` must be an object, found {ArmJson.Describe(tags.ValueKind)}; the secret is read without tags", path);
            return [];
        }

        // Read as fields of an entry, so that a tag of another kind, or an invalid escape, is reported and left out.
        var holder = new ArmItem(tags, path);
        var read = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        foreach (var tag in tags.EnumerateObject())
        {
            if (json.String(holder, tag.Name) is { } value)
            {
                read.Add(new(tag.Name, value));
            }
        }

        return read.ToImmutable();
    }
}
