using Ward.Gcp.Iam;

namespace Ward.Gcp.Policy.Evaluation;

/// <summary>May <see cref="Principal"/> use <see cref="Permission"/> on <see cref="Resource"/>, at <see cref="AsOf"/>?</summary>
public sealed record GcpRequest
{
    /// <summary>The principal, as a policy would name it: <c>user:alice@example.com</c>, <c>serviceAccount:…</c>, <c>group:…</c>, <c>principal://…</c>, even a set such as <c>allUsers</c>.</summary>
    public required Member Principal { get; init; }

    /// <summary>An IAM permission, <c>storage.objects.get</c>.</summary>
    public required string Permission { get; init; }

    public required GcpResource Resource { get; init; }

    /// <summary><c>request.time</c> for conditions.</summary>
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>
    /// A tag value (<c>tagValues/ID</c>) to decide the request as if it were bound to the resource, replacing any value of
    /// its key: what a principal that may create the tag binding can make of the conditions on tags (<c>gcp-tag-binding</c>).
    /// </summary>
    public string? SupposingTagValue { get; init; }

    /// <summary>
    /// A tag value (<c>tagValues/ID</c>) bound to the resource itself, to decide the request as if that binding were
    /// deleted: the resource then inherits its parent's value of the key, if any. What a principal that may delete the
    /// tag binding can make of the conditions on tags (<c>gcp-tag-unbinding</c>). A value not bound to the resource
    /// itself changes nothing: an inherited tag cannot be deleted there.
    /// </summary>
    public string? SupposingTagRemoved { get; init; }

    /// <summary>
    /// Whether a binding to a group or principal set the principal may belong to counts, as conditional on that
    /// membership (a group whose memberships were not exported, a pool group). <c>who-can</c> turns it off: it lists the group itself.
    /// </summary>
    public bool CountPossibleMemberships { get; init; } = true;

    /// <summary>
    /// Whether an allow, or an allow under conditions, is explained by its deciding binding alone (the statement an
    /// edge's step names), without the summary and the other bindings: the edge checkers ask millions of questions and
    /// read nothing else of the answers. Denials are explained in full.
    /// </summary>
    public bool DecisiveBindingOnly { get; init; }
}
