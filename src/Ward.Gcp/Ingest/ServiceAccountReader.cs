using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>Reads a service account of <c>gcloud iam service-accounts list --format=json</c> (or an <c>iam.googleapis.com/ServiceAccount</c> asset's data).</summary>
internal static class ServiceAccountReader
{
    public static ServiceAccount? Read(GcpEntry entry, GcpJson json)
    {
        var email = json.String(entry, "email", "a service account");
        if (email is null)
        {
            return null;
        }

        var name = json.String(entry, "name");
        return new ServiceAccount
        {
            Email = email,
            UniqueId = json.Identifier(entry, "uniqueId"),
            ProjectId = json.String(entry, "projectId") ?? ProjectOf(name),
            Name = name,
            DisplayName = json.String(entry, "displayName"),
            Description = json.String(entry, "description"),
            Disabled = json.Boolean(entry, "disabled"),
            Location = json.At(entry.Path),
        };
    }

    /// <summary>The project of <c>projects/PROJECT/serviceAccounts/EMAIL</c>; null for the <c>-</c> wildcard.</summary>
    private static string? ProjectOf(string? name) =>
        name?.Split('/') is ["projects", { Length: > 0 } project, "serviceAccounts", ..] && project != "-" ? project : null;
}
