using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>
/// Reads one classic subscription administrator: an entry of the REST <c>classicAdministrators</c> list
/// (<c>emailAddress</c> and <c>role</c> under <c>properties</c>; the subscription in <c>id</c>), or a row that
/// <c>az role assignment list --include-classic-administrators</c> adds (<c>principalName</c>,
/// <c>roleDefinitionName</c>, <c>scope</c>, and placeholder ids <c>NA(classic admins)</c>).
/// </summary>
internal static class ClassicAdministratorReader
{
    private static readonly string[] KnownRoles = [ClassicAdministrator.ServiceAdministrator, ClassicAdministrator.CoAdministrator, ClassicAdministrator.AccountAdministrator];

    public static ClassicAdministrator? Read(ArmItem item, ArmJson json)
    {
        json.CheckFields(item, "classic administrator", KnownFields.ClassicAdministrator);
        var rest = item.Has("emailAddress") || item.Has("role");
        var email = json.String(item, rest ? "emailAddress" : "principalName", required: true);
        var roleText = json.String(item, rest ? "role" : "roleDefinitionName", required: true);
        var subscription = SubscriptionOf(item, json, rest);
        if (email is null || roleText is null || subscription is null)
        {
            return null;
        }

        var roles = roleText.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var role in roles.Where(r => !KnownRoles.Contains(r, StringComparer.OrdinalIgnoreCase)))
        {
            json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"`{role}` is not a classic administrator role Ward knows ({string.Join(", ", KnownRoles)}); kept as written", item.Path);
        }

        var principalId = json.String(item, "principalId");
        return new ClassicAdministrator
        {
            SubscriptionId = subscription,
            EmailAddress = email,
            Roles = [.. roles],
            PrincipalId = principalId is not null && Guid.TryParse(principalId, out var guid) ? guid.ToString() : null,
            Location = json.At(item.Path),
        };
    }

    /// <summary>The az CLI row names the subscription as its <c>scope</c>; the REST entry only in its <c>id</c>.</summary>
    private static string? SubscriptionOf(ArmItem item, ArmJson json, bool rest)
    {
        var field = rest ? "id" : "scope";
        var scope = json.Scope(item, field, "classic administrator");
        if (scope is null)
        {
            return null;
        }

        if (scope.SubscriptionId is null)
        {
            var path = item.PathOf(field);
            json.Report(AzureDiagnosticCodes.InvalidScope, DiagnosticSeverity.Error, $"classic administrator skipped: `{scope.Value}` names no subscription (classic administrators belong to one subscription)", path);
        }

        return scope.SubscriptionId;
    }
}
