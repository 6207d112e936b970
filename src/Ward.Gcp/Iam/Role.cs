using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>A basic, predefined or custom IAM role. Role names are compared exactly.</summary>
public sealed record Role
{
    /// <summary>The full name: <c>roles/viewer</c>, <c>organizations/123/roles/auditor</c>, <c>projects/p/roles/deployer</c>.</summary>
    public required string Name { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    public required ImmutableArray<string> IncludedPermissions { get; init; }

    /// <summary>
    /// Whether the export listed the permissions: <c>gcloud iam roles list</c> (the API's BASIC view) leaves
    /// <c>includedPermissions</c> out, so what such a role grants is unknown, not nothing.
    /// </summary>
    public bool PermissionsKnown { get; init; } = true;

    public RoleStage Stage { get; init; }

    /// <summary>A deleted custom role stays bound in policies for a while but grants nothing until it is undeleted.</summary>
    public bool Deleted { get; init; }

    public string? Etag { get; init; }

    public RoleKind Kind => KindOf(Name);

    /// <summary>The organization or project that defines a custom role (<c>organizations/123</c>, <c>projects/p</c>); null for predefined roles.</summary>
    public string? Parent => ParentOf(Name);

    /// <summary>Whether binding the role grants its permissions: not deleted, not disabled.</summary>
    public bool GrantsPermissions => !Deleted && Stage != RoleStage.Disabled;

    public SourceLocation Location { get; init; } = SourceLocation.None;

    public static RoleKind KindOf(string name) =>
        name.StartsWith("organizations/", StringComparison.Ordinal) ? RoleKind.OrganizationCustom
        : name.StartsWith("projects/", StringComparison.Ordinal) ? RoleKind.ProjectCustom
        : RoleKind.Predefined;

    public static string? ParentOf(string name)
    {
        if (KindOf(name) == RoleKind.Predefined)
        {
            return null;
        }

        var cut = name.IndexOf("/roles/", StringComparison.Ordinal);
        return cut < 0 ? null : name[..cut];
    }
}
