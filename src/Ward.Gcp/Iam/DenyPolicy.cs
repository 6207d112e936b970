using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>
/// An IAM deny policy (<c>gcloud iam policies get --kind=denypolicies</c>), attached to an organization, folder or
/// project, whose rules apply there and to everything below it; a deny wins over every allow.
/// </summary>
public sealed record DenyPolicy
{
    /// <summary>The policy's name: <c>policies/ATTACHMENT_POINT/denypolicies/ID</c>, the attachment point URL-encoded.</summary>
    public required string Name { get; init; }

    /// <summary>The full name of the resource it is attached to: <c>//cloudresourcemanager.googleapis.com/projects/my-project</c>.</summary>
    public required string AttachmentPoint { get; init; }

    public string? DisplayName { get; init; }

    public required ImmutableArray<DenyRule> Rules { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>The policy's id, the last segment of its name.</summary>
    public string Id => Name[(Name.LastIndexOf('/') + 1)..];
}

/// <summary>One rule of a deny policy: who is denied which permissions, but for the exceptions, when the condition holds.</summary>
public sealed record DenyRule
{
    /// <summary>Principal identifiers in the IAM v2 form (<c>principal://goog/subject/alice@example.com</c>, <c>principalSet://goog/public:all</c>).</summary>
    public ImmutableArray<string> DeniedPrincipals { get; init; } = [];

    public ImmutableArray<string> ExceptionPrincipals { get; init; } = [];

    /// <summary>Permissions in the v2 form <c>SERVICE_FQDN/RESOURCE.ACTION</c>, each part possibly <c>*</c>.</summary>
    public ImmutableArray<string> DeniedPermissions { get; init; } = [];

    public ImmutableArray<string> ExceptionPermissions { get; init; } = [];

    public BindingCondition? DenialCondition { get; init; }

    /// <summary>Where the rule is (<c>$.rules[0].denyRule</c>), for explanations.</summary>
    public string Path { get; init; } = string.Empty;
}
