namespace Ward.Gcp.Policy.Conditions;

/// <summary>
/// What a condition may ask about a request: its time, the name, type and service of the resource asked about
/// (Google's <c>resource.name</c>, <c>resource.type</c>, <c>resource.service</c>), and for a policy binding's
/// condition, the principal's type and subject. A resource attribute Ward could not
/// tell is null, with the reason in <see cref="ResourceTypeUnknownBecause"/>.
/// </summary>
public sealed record ConditionContext
{
    /// <summary><c>request.time</c>: the reference time of the question (<c>--as-of</c>, else now).</summary>
    public required DateTimeOffset RequestTime { get; init; }

    /// <summary><c>resource.name</c>: the relative name, e.g. <c>projects/_/buckets/b/objects/o</c>.</summary>
    public string? ResourceName { get; init; }

    /// <summary><c>resource.type</c>, e.g. <c>storage.googleapis.com/Bucket</c>.</summary>
    public string? ResourceType { get; init; }

    /// <summary><c>resource.service</c>, e.g. <c>storage.googleapis.com</c>.</summary>
    public string? ResourceService { get; init; }

    public string? ResourceTypeUnknownBecause { get; init; }

    /// <summary>
    /// When <see cref="ResourceType"/> is not known: a text it is known to begin with, unless empty
    /// (<c>bigquery.googleapis.com/</c> for a resource of that service; a resource type that does not recognize resource
    /// attributes may leave them empty), which decides comparisons with other non-empty types.
    /// </summary>
    public string? ResourceTypePrefix { get; init; }

    /// <summary>When <see cref="ResourceService"/> is not known: likewise, the service it is, unless empty.</summary>
    public string? ResourceServicePrefix { get; init; }

    /// <summary>
    /// When <see cref="ResourceName"/> is not known: likewise, a text it begins with unless empty (a bucket's relative
    /// name and <c>/</c>, for its objects).
    /// </summary>
    public string? ResourceNamePrefix { get; init; }

    /// <summary>The resource's effective tags, or why they are not known; null when nobody said (the tags are then unknown).</summary>
    public ResourceTags? ResourceTags { get; init; }

    /// <summary><c>principal.type</c>, which only principal access boundary policy bindings may test (<c>iam.googleapis.com/ServiceAccount</c>).</summary>
    public string? PrincipalType { get; init; }

    /// <summary><c>principal.subject</c>, likewise: a user's or service account's email.</summary>
    public string? PrincipalSubject { get; init; }

    /// <summary>
    /// For a workload identity provider's attribute condition or mapping: the values of the token, by dotted name
    /// (<c>assertion.repository_owner</c>, and once mapped <c>attribute.owner</c>, <c>google.subject</c>), each a
    /// string, bool, long or list of strings; null for a claim the token lacks (reading it is an error, as in CEL).
    /// A name not here is unknown, with the reason in <see cref="ClaimUnknownBecause"/> when one is given.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Claims { get; init; }

    /// <summary>Why a value of the token is not known, by dotted name (a mapping Ward could not evaluate).</summary>
    public IReadOnlyDictionary<string, string>? ClaimUnknownBecause { get; init; }
}
