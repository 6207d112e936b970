using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// An Entra role (an item of <c>GET /roleManagement/directory/roleDefinitions</c>). For built-in roles the id is the
/// template id (Global Administrator: <c>62e90394-69f5-4237-9190-012177145e10</c>).
/// </summary>
public sealed record DirectoryRoleDefinition
{
    public required string Id { get; init; }

    public string? DisplayName { get; init; }

    public bool IsBuiltIn { get; init; }

    public bool IsEnabled { get; init; } = true;

    public string? TemplateId { get; init; }

    public ImmutableArray<RolePermission> RolePermissions { get; init; } = [];

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
