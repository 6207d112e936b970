using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>
/// A tag bound to a resource: directly (<c>gcloud resource-manager tags bindings list</c>, <see cref="Inherited"/> false)
/// or one of its effective tags (<c>… --effective</c>, bound to it or inherited from an ancestor). A direct binding names
/// its value by id only; an effective one also by key and namespaced names.
/// </summary>
public sealed record TagBinding
{
    /// <summary>The full name of the resource the tag is on (<c>//cloudresourcemanager.googleapis.com/projects/NUMBER</c>).</summary>
    public required string Resource { get; init; }

    /// <summary>Whether this is an effective tag listing (<c>--effective</c>) rather than a direct binding.</summary>
    public required bool Effective { get; init; }

    /// <summary><c>tagValues/ID</c>, when given.</summary>
    public string? TagValue { get; init; }

    /// <summary><c>tagKeys/ID</c> (effective listings only).</summary>
    public string? TagKey { get; init; }

    /// <summary><c>ORG/KEY/VALUE</c>, when given.</summary>
    public string? NamespacedTagValue { get; init; }

    /// <summary><c>ORG/KEY</c> (effective listings only).</summary>
    public string? NamespacedTagKey { get; init; }

    /// <summary>An effective tag inherited from an ancestor rather than bound to the resource itself.</summary>
    public bool Inherited { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
