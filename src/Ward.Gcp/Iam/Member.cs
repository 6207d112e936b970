namespace Ward.Gcp.Iam;

/// <summary>
/// One principal named by a policy binding, parsed from its identifier (<c>user:alice@example.com</c>,
/// <c>deleted:serviceAccount:ci@p.iam.gserviceaccount.com?uid=123</c>, <c>principalSet://…</c>). Compared as Google
/// compares them: the email of a user, service account or group and a domain case-insensitively; pool identifiers
/// and project ids exactly; a deleted principal never equals a live one (its unique id tells it from a new principal
/// that reuses the name).
/// </summary>
public sealed record Member
{
    private const string DeletedPrefix = "deleted:";
    private const string UidMarker = "?uid=";

    // NodeId, kept once worked out with what it was worked out from (a `with` copy may name another principal).
    private NodeIdMemo? _nodeId;

    /// <summary>The identifier as written in the policy.</summary>
    public required string Text { get; init; }

    public required MemberKind Kind { get; init; }

    /// <summary>What the identifier names: the email, domain, pool URI or project id; empty for <c>allUsers</c> and <c>allAuthenticatedUsers</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Whether the principal was deleted (<c>deleted:</c>); the binding then grants nothing to any current principal.</summary>
    public bool IsDeleted { get; init; }

    /// <summary>The unique id of a deleted principal (<c>?uid=</c>), when given.</summary>
    public string? DeletedUid { get; init; }

    /// <summary>Whether <see cref="Id"/> is an email or domain, compared case-insensitively.</summary>
    public bool HasEmailId => Kind is MemberKind.User or MemberKind.ServiceAccount or MemberKind.Group or MemberKind.Domain;

    private StringComparer IdComparer => HasEmailId ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>Parses an identifier; a value of no known form is kept with <see cref="MemberKind.Unknown"/>.</summary>
    public static Member Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith(DeletedPrefix, StringComparison.Ordinal))
        {
            var rest = text[DeletedPrefix.Length..];
            var marker = rest.LastIndexOf(UidMarker, StringComparison.Ordinal);
            var (identifier, uid) = marker < 0 ? (rest, null) : (rest[..marker], rest[(marker + UidMarker.Length)..]);
            var inner = ParseLive(identifier);
            return inner with { Text = text, IsDeleted = true, DeletedUid = uid };
        }

        return ParseLive(text);
    }

    public bool Equals(Member? other) =>
        other is not null
        && Kind == other.Kind
        && IsDeleted == other.IsDeleted
        && string.Equals(DeletedUid, other.DeletedUid, StringComparison.Ordinal)
        && IdComparer.Equals(Id, other.Id);

    public override int GetHashCode() => HashCode.Combine(Kind, IsDeleted, DeletedUid, IdComparer.GetHashCode(Id));

    public override string ToString() => Text;

    /// <summary>
    /// The member's id in the graph (<c>user:</c>, <c>serviceAccount:</c>, <c>group:</c> or <c>domain:</c> and the
    /// lower-case email or domain; <c>allUsers</c>, <c>allAuthenticatedUsers</c>; a pool identifier as written); null
    /// for members that are no principal of their own (deleted, unknown, <c>projectOwner:</c> and its kin). Worked out
    /// once per member: answers and edges ask for it by the million, and each answer would otherwise keep a copy.
    /// </summary>
    internal string? NodeId
    {
        get
        {
            if (_nodeId is { } memo && memo.Kind == Kind && ReferenceEquals(memo.Id, Id) && memo.IsDeleted == IsDeleted)
            {
                return memo.Value;
            }

            var value = WorkOutNodeId();
            _nodeId = new NodeIdMemo(Kind, Id, IsDeleted, value);
            return value;
        }
    }

    private string? WorkOutNodeId() => IsDeleted ? null : Kind switch
    {
        MemberKind.User => "user:" + Id.ToLowerInvariant(),
        MemberKind.ServiceAccount => "serviceAccount:" + Id.ToLowerInvariant(),
        MemberKind.Group => "group:" + Id.ToLowerInvariant(),
        MemberKind.Domain => "domain:" + Id.ToLowerInvariant(),
        MemberKind.AllUsers => "allUsers",
        MemberKind.AllAuthenticatedUsers => "allAuthenticatedUsers",
        MemberKind.Principal or MemberKind.PrincipalSet => Id,
        _ => null,
    };

    private sealed record NodeIdMemo(MemberKind Kind, string Id, bool IsDeleted, string? Value);

    private static Member ParseLive(string text)
    {
        if (text == "allUsers")
        {
            return new Member { Text = text, Kind = MemberKind.AllUsers, Id = string.Empty };
        }

        if (text == "allAuthenticatedUsers")
        {
            return new Member { Text = text, Kind = MemberKind.AllAuthenticatedUsers, Id = string.Empty };
        }

        // Pool identifiers are URIs: their `//` must not be taken for a `type:` prefix.
        if (text.StartsWith("principal://", StringComparison.Ordinal))
        {
            return new Member { Text = text, Kind = MemberKind.Principal, Id = text };
        }

        if (text.StartsWith("principalSet://", StringComparison.Ordinal))
        {
            return new Member { Text = text, Kind = MemberKind.PrincipalSet, Id = text };
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = colon <= 0 ? MemberKind.Unknown : text[..colon] switch
        {
            "user" => MemberKind.User,
            "serviceAccount" => MemberKind.ServiceAccount,
            "group" => MemberKind.Group,
            "domain" => MemberKind.Domain,
            "projectOwner" => MemberKind.ProjectOwner,
            "projectEditor" => MemberKind.ProjectEditor,
            "projectViewer" => MemberKind.ProjectViewer,
            _ => MemberKind.Unknown,
        };
        var id = kind == MemberKind.Unknown ? text : text[(colon + 1)..];
        return new Member { Text = text, Kind = id.Length == 0 ? MemberKind.Unknown : kind, Id = id.Length == 0 ? text : id };
    }
}
