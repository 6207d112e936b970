using System.Collections.Immutable;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>
/// Reads one deny assignment of the REST <c>denyAssignments</c> list (<c>az rest</c> output: under
/// <c>properties</c>), or the same fields flat.
/// </summary>
internal static class DenyAssignmentReader
{
    public static DenyAssignment? Read(ArmItem item, ArmJson json)
    {
        json.CheckFields(item, "deny assignment", KnownFields.DenyAssignment);
        var id = json.String(item, "id", required: true);
        var scope = json.Scope(item, "scope", "deny assignment");
        if (id is null || scope is null)
        {
            return null;
        }

        var name = json.String(item, "name") ?? RoleDefinition.GuidOf(id);
        var displayName = json.String(item, "denyAssignmentName") ?? name;
        var principals = Principals(item, "principals", json);
        if (principals.IsEmpty)
        {
            json.Report(AzureDiagnosticCodes.MissingField, DiagnosticSeverity.Warning, $"deny assignment `{displayName}` names no principal: it denies nothing", item.Path);
        }

        return new DenyAssignment
        {
            Id = id,
            Name = name,
            DenyAssignmentName = displayName,
            Description = json.String(item, "description"),
            Permissions = json.Permissions(item, $"deny assignment `{displayName}`"),
            Scope = scope,
            Principals = principals,
            ExcludePrincipals = Principals(item, "excludePrincipals", json),
            DoNotApplyToChildScopes = json.Boolean(item, "doNotApplyToChildScopes"),
            IsSystemProtected = json.Boolean(item, "isSystemProtected"),
            Condition = RoleAssignmentReader.NullIfBlank(json.String(item, "condition")),
            ConditionVersion = json.String(item, "conditionVersion"),
            Location = json.At(item.Path),
        };
    }

    private static ImmutableArray<DenyPrincipal> Principals(ArmItem item, string name, ArmJson json)
    {
        var builder = ImmutableArray.CreateBuilder<DenyPrincipal>();
        foreach (var (principal, path) in json.Objects(item, name))
        {
            var entry = new ArmItem(principal, path);
            if (json.String(entry, "id", required: true) is { } principalId)
            {
                builder.Add(new DenyPrincipal(principalId, json.String(entry, "type")));
            }
        }

        return builder.ToImmutable();
    }
}
