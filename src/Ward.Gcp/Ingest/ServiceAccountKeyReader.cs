using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Reads a key of <c>gcloud iam service-accounts keys list --format=json</c> (or an
/// <c>iam.googleapis.com/ServiceAccountKey</c> asset's data). A key knows its service account only from its name,
/// <c>projects/PROJECT/serviceAccounts/ACCOUNT/keys/KEY_ID</c>.
/// </summary>
internal static class ServiceAccountKeyReader
{
    /// <summary>Reads the key; <paramref name="fallbackName"/> is the asset's name, for asset data that does not repeat it.</summary>
    public static ServiceAccountKey? Read(GcpEntry entry, GcpJson json, string? fallbackName = null)
    {
        var text = entry.Has("name") || fallbackName is null ? json.String(entry, "name", "a service account key") : fallbackName;
        if (text is null)
        {
            return null;
        }

        if (!KeyName.TryParse(text, out var name))
        {
            entry.TryGet("name", out _, out var path);
            json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"service account key `{text}`: the name is not `projects/PROJECT/serviceAccounts/ACCOUNT/keys/KEY_ID`, so its account is unknown; skipped", path);
            return null;
        }

        return new ServiceAccountKey
        {
            Name = name.Name,
            KeyId = name.KeyId,
            ServiceAccount = name.ServiceAccount,
            Project = name.Project,
            KeyType = ReadKeyType(entry, name.Name, json),
            KeyOrigin = json.String(entry, "keyOrigin"),
            KeyAlgorithm = json.String(entry, "keyAlgorithm"),
            ValidAfterTime = json.Date(entry, "validAfterTime"),
            ValidBeforeTime = json.Date(entry, "validBeforeTime"),
            Disabled = json.Boolean(entry, "disabled"),
            Location = json.At(entry.Path),
        };
    }

    private static ServiceAccountKeyType ReadKeyType(GcpEntry entry, string name, GcpJson json)
    {
        var text = json.String(entry, "keyType");
        switch (text)
        {
            case null or "KEY_TYPE_UNSPECIFIED":
                return ServiceAccountKeyType.Unspecified;
            case "USER_MANAGED":
                return ServiceAccountKeyType.UserManaged;
            case "SYSTEM_MANAGED":
                return ServiceAccountKeyType.SystemManaged;
            default:
                entry.TryGet("keyType", out _, out var path);
                json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"service account key `{name}` has an unknown `keyType` `{text}`; read as unspecified", path);
                return ServiceAccountKeyType.Unspecified;
        }
    }
}
