using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>Reads a role of <c>gcloud iam roles list/describe --format=json</c> (or an <c>iam.googleapis.com/Role</c> asset's data).</summary>
internal static class RoleReader
{
    public static Role? Read(GcpEntry entry, GcpJson json)
    {
        var name = json.String(entry, "name", "a role");
        if (name is null)
        {
            return null;
        }

        return new Role
        {
            Name = name,
            Title = json.String(entry, "title"),
            Description = json.String(entry, "description"),
            IncludedPermissions = json.Strings(entry, "includedPermissions"),
            PermissionsKnown = entry.Has("includedPermissions"),
            Stage = ReadStage(entry, name, json),
            Deleted = json.Boolean(entry, "deleted"),
            Etag = json.String(entry, "etag"),
            Location = json.At(entry.Path),
        };
    }

    private static RoleStage ReadStage(GcpEntry entry, string name, GcpJson json)
    {
        var text = json.String(entry, "stage");
        switch (text)
        {
            case null:
                return RoleStage.Unspecified;
            case "ALPHA":
                return RoleStage.Alpha;
            case "BETA":
                return RoleStage.Beta;
            case "GA":
                return RoleStage.GA;
            case "DEPRECATED":
                return RoleStage.Deprecated;
            case "DISABLED":
                return RoleStage.Disabled;
            case "EAP":
                return RoleStage.EAP;
            default:
                entry.TryGet("stage", out _, out var path);
                json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"role `{name}` has an unknown `stage` `{text}`; read as unspecified", path);
                return RoleStage.Unspecified;
        }
    }
}
