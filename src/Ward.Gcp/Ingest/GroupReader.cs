using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Reads the groups of <c>gcloud identity groups search --format=json</c> (Cloud Identity <c>Group</c>) and the
/// memberships of <c>gcloud identity groups memberships list --format=json</c> (<c>Membership</c>).
/// </summary>
internal static class GroupReader
{
    private const string Prefix = "groups/";
    private const string MembershipsMarker = "/memberships/";

    /// <summary>Whether a name is a group's, <c>groups/GROUP_ID</c>.</summary>
    public static bool IsGroupName(string name) =>
        name.StartsWith(Prefix, StringComparison.Ordinal) && name.Length > Prefix.Length && name.IndexOf('/', Prefix.Length) < 0;

    /// <summary>Whether a name is a membership's, <c>groups/GROUP_ID/memberships/MEMBERSHIP_ID</c>.</summary>
    public static bool IsMembershipName(string name) => MembershipParts(name) is not null;

    public static GoogleGroup? ReadGroup(GcpEntry entry, GcpJson json)
    {
        var name = json.String(entry, "name", "a group");
        if (name is null)
        {
            return null;
        }

        if (!IsGroupName(name))
        {
            entry.TryGet("name", out _, out var path);
            json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"group `{name}`: the name is not `groups/GROUP_ID`; skipped", path);
            return null;
        }

        var email = KeyId(entry, "groupKey", $"group `{name}`", json);
        if (email is null)
        {
            return null;
        }

        var labels = json.Object(entry, "labels") is { } map ? [.. map.Element.EnumerateObject().Select(p => p.Name)] : System.Collections.Immutable.ImmutableArray<string>.Empty;
        return new GoogleGroup
        {
            Id = name[Prefix.Length..],
            Email = email,
            DisplayName = json.String(entry, "displayName"),
            Labels = labels,
            Location = json.At(entry.Path),
        };
    }

    public static GroupMembership? ReadMembership(GcpEntry entry, GcpJson json)
    {
        var name = json.String(entry, "name", "a group membership");
        if (name is null)
        {
            return null;
        }

        if (MembershipParts(name) is not { } groupId)
        {
            entry.TryGet("name", out _, out var path);
            json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"group membership `{name}`: the name is not `groups/GROUP_ID/memberships/MEMBERSHIP_ID`, so its group is unknown; skipped", path);
            return null;
        }

        var email = KeyId(entry, "preferredMemberKey", $"group membership `{name}`", json);
        if (email is null)
        {
            return null;
        }

        return new GroupMembership
        {
            Name = name,
            GroupId = groupId,
            MemberEmail = email,
            MemberType = ReadType(entry, name, json),
            Roles = [.. json.Objects(entry, "roles").Select(r => json.String(r, "name")).OfType<string>()],
            Location = json.At(entry.Path),
        };
    }

    /// <summary>The <c>id</c> of an <c>EntityKey</c> field (<c>groupKey</c>, <c>preferredMemberKey</c>): the email.</summary>
    private static string? KeyId(GcpEntry entry, string field, string what, GcpJson json)
    {
        if (json.Object(entry, field) is not { } key)
        {
            if (!entry.Has(field))
            {
                json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"{what} without `{field}`; skipped", entry.Path);
            }

            return null;
        }

        return json.String(key, "id", $"{what}: `{field}`");
    }

    private static GroupMemberType ReadType(GcpEntry entry, string name, GcpJson json)
    {
        var text = json.String(entry, "type");
        switch (text)
        {
            case null or "TYPE_UNSPECIFIED":
                return GroupMemberType.Unspecified;
            case "USER":
                return GroupMemberType.User;
            case "SERVICE_ACCOUNT":
                return GroupMemberType.ServiceAccount;
            case "GROUP":
                return GroupMemberType.Group;
            case "SHARED_DRIVE" or "CBCM_BROWSER" or "OTHER":
                return GroupMemberType.Other;
            default:
                entry.TryGet("type", out _, out var path);
                json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"group membership `{name}` has an unknown `type` `{text}`; the member is not taken for a principal", path);
                return GroupMemberType.Other;
        }
    }

    private static string? MembershipParts(string name)
    {
        if (!name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var marker = name.IndexOf(MembershipsMarker, Prefix.Length, StringComparison.Ordinal);
        if (marker <= Prefix.Length || name.IndexOf('/', Prefix.Length) != marker)
        {
            return null;
        }

        var membership = name[(marker + MembershipsMarker.Length)..];
        return membership.Length == 0 || membership.Contains('/', StringComparison.Ordinal) ? null : name[Prefix.Length..marker];
    }
}
