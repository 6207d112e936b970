using System.Text.Json;

namespace Ward.Analysis.Tests.Testing;

/// <summary>
/// Exchange Online PowerShell output beside the Graph export: <c>Get-ApplicationAccessPolicy | ConvertTo-Json -Depth 5</c>
/// written to <c>exchange-application-access-policies.json</c>, one policy as an object and several as an array, with
/// the properties the cmdlet lists (the scope's SID and object id in <c>ScopeIdentityRaw</c>, the tenant, application
/// and scope in <c>Identity</c>).
/// </summary>
internal sealed partial class TestTenant
{
    private const string ScopeSid = "S-1-5-21-1004336348-1177238915-682003330-512001";

    private readonly List<(string Name, string Text)> _exchangeFiles = [];

    /// <summary>An application access policy of the application <paramref name="appKey"/> on the group or user <paramref name="scopeKey"/>.</summary>
    public static Dictionary<string, object?> AccessPolicy(string appKey, string accessRight, string scopeKey) => new(StringComparer.Ordinal)
    {
        ["ScopeName"] = scopeKey,
        ["ScopeIdentity"] = $"{scopeKey}20260309101544",
        ["Identity"] = $"{TenantId}\\{AppIdOf(appKey)}:{ScopeSid};{Id(scopeKey)}",
        ["AppId"] = AppIdOf(appKey),
        ["ScopeIdentityRaw"] = $"{ScopeSid};{Id(scopeKey)}",
        ["Description"] = $"{accessRight} {appKey} on {scopeKey}",
        ["AccessRight"] = accessRight,
        ["ShardType"] = "All",
        ["IsValid"] = true,
        ["ObjectState"] = "Unchanged",
    };

    /// <summary>The tenant's application access policies, as <c>ConvertTo-Json</c> writes them (none: an empty array).</summary>
    public TestTenant ApplicationAccessPolicies(params Dictionary<string, object?>[] policies)
    {
        var options = new JsonSerializerOptions { WriteIndented = true };
        _exchangeFiles.Add(("exchange-application-access-policies.json", policies.Length == 1 ? JsonSerializer.Serialize(policies[0], options) : JsonSerializer.Serialize(policies, options)));
        return this;
    }
}
