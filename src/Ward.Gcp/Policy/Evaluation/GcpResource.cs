using System.Collections.Immutable;

namespace Ward.Gcp.Policy.Evaluation;

/// <summary>The resource a question is about, placed in the exported hierarchy (see <see cref="ResourceLocator"/>).</summary>
public sealed record GcpResource
{
    /// <summary>The full resource name; a project as the hierarchy names it (<c>//cloudresourcemanager.googleapis.com/projects/NUMBER</c>).</summary>
    public required string Name { get; init; }

    /// <summary>What conditions see as <c>resource.name</c>: the relative name (<c>projects/_/buckets/b</c>).</summary>
    public required string RelativeName { get; init; }

    /// <summary><c>resource.service</c>: <c>storage.googleapis.com</c>.</summary>
    public required string Service { get; init; }

    /// <summary><c>resource.type</c> (<c>storage.googleapis.com/Bucket</c>), when Ward can tell it.</summary>
    public string? Type { get; init; }

    /// <summary>Full names of the resources whose allow policies apply, closest first: the resource, the resources its name lies under (a bucket for its objects), its project, folders and organization.</summary>
    public required ImmutableArray<string> PolicyHolders { get; init; }

    /// <summary>
    /// How many of <see cref="PolicyHolders"/>, from the first, name the resource itself: its full name and the names
    /// its own policy may be exported under (a service account's unique id, a bucket's other form). Their policy is
    /// its own; those after are inherited.
    /// </summary>
    public int OwnHolders { get; init; } = 1;

    /// <summary>Why the hierarchy above the resource is not completely known (then policies Ward did not see may grant), or null.</summary>
    public string? AncestryGap { get; init; }
}
