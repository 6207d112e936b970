using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Reads the transitive memberships of a group, as <c>gcloud identity groups memberships search-transitive-memberships
/// --group-email=EMAIL --format=json</c> prints them: the Cloud Identity <c>MemberRelation</c> (<c>member</c>,
/// <c>preferredMemberKey[]</c>, <c>relationType</c>, <c>roles[].role</c>), every direct and indirect member of the
/// group. A <c>MemberRelation</c> does not name its group, so the file's name does, as the export script names a
/// group's membership file: <c>groups/memberships/GROUP_EMAIL.json</c> (<see cref="GroupOf"/>).
/// </summary>
internal static class TransitiveMembershipReader
{
    /// <summary>
    /// Whether an entry is a <c>MemberRelation</c>: no <c>name</c> (a listed membership has one) and a
    /// <c>relationType</c>, or <c>preferredMemberKey</c> as a list (a listed membership's is one object).
    /// </summary>
    public static bool IsMemberRelation(GcpEntry entry) =>
        !entry.Has("name")
        && (entry.Has("relationType") || (entry.TryGet("preferredMemberKey", out var key, out _) && key.ValueKind == JsonValueKind.Array));

    /// <summary>The email of the group a file of transitive memberships is about, from its name (<c>…/GROUP_EMAIL.json</c>); null when the name is no email.</summary>
    public static string? GroupOf(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file.Replace('\\', '/').Split('/')[^1]);
        var at = name.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == name.LastIndexOf('@') && name.IndexOf('.', at) > at + 1 && !name.EndsWith('.') && !name.Any(char.IsWhiteSpace) ? name : null;
    }

    public static GroupMembership? Read(GcpEntry entry, GcpJson json, string groupEmail, bool partialListing)
    {
        var member = json.String(entry, "member");
        var what = $"a transitive membership{(member is null ? string.Empty : $" `{member}`")} of group `{groupEmail}`";
        var email = MemberEmail(entry, json, what);
        if (email is null)
        {
            return null;
        }

        return new GroupMembership
        {
            Name = member ?? email,
            GroupEmail = groupEmail,
            MemberEmail = email,

            // A member is a user (`users/ID`, service accounts included) or a group (`groups/ID`): the email tells a
            // service account from a user, as for a listed membership without a type.
            MemberType = member is not null && member.StartsWith("groups/", StringComparison.Ordinal) ? GroupMemberType.Group : GroupMemberType.Unspecified,
            Relation = ReadRelation(entry, what, json),
            OnPartialListing = partialListing,
            Roles = [.. json.Objects(entry, "roles").Select(r => json.String(r, "role") ?? json.String(r, "name")).OfType<string>()],
            Location = json.At(entry.Path),
        };
    }

    /// <summary>The <c>id</c> of the first <c>preferredMemberKey</c> that has one (a list; one object is read too).</summary>
    private static string? MemberEmail(GcpEntry entry, GcpJson json, string what)
    {
        if (!entry.TryGet("preferredMemberKey", out var keys, out var path))
        {
            json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"{what} without `preferredMemberKey`; skipped", entry.Path);
            return null;
        }

        var candidates = keys.ValueKind == JsonValueKind.Object ? [new GcpEntry(keys, path)] : json.Objects(entry, "preferredMemberKey").ToList();
        if (candidates.Select(k => k.Text("id")).FirstOrDefault(id => !string.IsNullOrEmpty(id)) is { } email)
        {
            return email;
        }

        json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"{what}: no `preferredMemberKey` with an `id`; skipped", path);
        return null;
    }

    private static GroupRelation ReadRelation(GcpEntry entry, string what, GcpJson json)
    {
        var text = json.String(entry, "relationType");
        switch (text)
        {
            case "DIRECT" or "DIRECT_AND_INDIRECT":
                return GroupRelation.Direct;
            case "INDIRECT":
                return GroupRelation.Indirect;
            case null or "RELATION_TYPE_UNSPECIFIED":
                return GroupRelation.Transitive;
            default:
                entry.TryGet("relationType", out _, out var path);
                json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"{what} has an unknown `relationType` `{text}`; read as a member, directly or not", path);
                return GroupRelation.Transitive;
        }
    }
}
