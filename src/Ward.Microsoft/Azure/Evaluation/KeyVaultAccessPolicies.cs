using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Core.Decisions;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Azure.Resources;

namespace Ward.Microsoft.Azure.Evaluation;

/// <summary>
/// The data plane of a key vault in access-policy mode (<c>enableRbacAuthorization</c> false): Key Vault decides
/// requests for its keys, secrets and certificates from the vault's access policies alone, so Azure RBAC data actions
/// (Key Vault Secrets User and the like) and deny assignments do not apply there. A policy names a user, group or
/// service principal, and with an <c>applicationId</c> only that object signed in through that application.
/// </summary>
public static class KeyVaultAccessPolicies
{
    private const string VaultsSegment = "/providers/Microsoft.KeyVault/vaults/";

    // Data action (after `Microsoft.KeyVault/vaults/`, lower case) -> the collection and the access-policy permissions
    // any of which allows it (Key Vault's "Azure RBAC to access policy" mapping).
    private static readonly FrozenDictionary<string, (string Collection, string[] Permissions)> Permissions = new Dictionary<string, (string, string[])>(StringComparer.OrdinalIgnoreCase)
    {
        ["secrets/getsecret/action"] = ("secrets", ["get"]),
        ["secrets/readmetadata/action"] = ("secrets", ["get", "list"]),
        ["secrets/setsecret/action"] = ("secrets", ["set"]),
        ["secrets/update/action"] = ("secrets", ["set"]),
        ["secrets/delete"] = ("secrets", ["delete"]),
        ["secrets/backup/action"] = ("secrets", ["backup"]),
        ["secrets/restore/action"] = ("secrets", ["restore"]),
        ["secrets/recover/action"] = ("secrets", ["recover"]),
        ["secrets/purge/action"] = ("secrets", ["purge"]),
        ["keys/read"] = ("keys", ["get", "list"]),
        ["keys/create/action"] = ("keys", ["create"]),
        ["keys/import/action"] = ("keys", ["import"]),
        ["keys/update/action"] = ("keys", ["update"]),
        ["keys/delete"] = ("keys", ["delete"]),
        ["keys/backup/action"] = ("keys", ["backup"]),
        ["keys/restore/action"] = ("keys", ["restore"]),
        ["keys/recover/action"] = ("keys", ["recover"]),
        ["keys/purge/action"] = ("keys", ["purge"]),
        ["keys/encrypt/action"] = ("keys", ["encrypt"]),
        ["keys/decrypt/action"] = ("keys", ["decrypt"]),
        ["keys/sign/action"] = ("keys", ["sign"]),
        ["keys/verify/action"] = ("keys", ["verify"]),
        ["keys/wrap/action"] = ("keys", ["wrapKey"]),
        ["keys/unwrap/action"] = ("keys", ["unwrapKey"]),
        ["keys/release/action"] = ("keys", ["release"]),
        ["keys/rotate/action"] = ("keys", ["rotate"]),
        ["certificates/read"] = ("certificates", ["get", "list"]),
        ["certificates/create/action"] = ("certificates", ["create"]),
        ["certificates/import/action"] = ("certificates", ["import"]),
        ["certificates/update/action"] = ("certificates", ["update"]),
        ["certificates/delete"] = ("certificates", ["delete"]),
        ["certificates/backup/action"] = ("certificates", ["backup"]),
        ["certificates/restore/action"] = ("certificates", ["restore"]),
        ["certificates/recover/action"] = ("certificates", ["recover"]),
        ["certificates/purge/action"] = ("certificates", ["purge"]),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The vault a scope lies in (the vault itself or an item of it), when the inventory says it uses access policies.</summary>
    public static (AzureResource Vault, KeyVaultSettings Settings)? AccessPolicyVaultOf(AzureEstate estate, AzureScope scope)
    {
        ArgumentNullException.ThrowIfNull(estate);
        var text = scope.Value;
        var at = text.IndexOf(VaultsSegment, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var nameEnd = text.IndexOf('/', at + VaultsSegment.Length);
        var vaultId = nameEnd < 0 ? text : text[..nameEnd];
        return AzureScope.TryParse(vaultId, out var id, out _) && estate.FindResource(id) is { KeyVault: { EnableRbacAuthorization: false } settings } vault
            ? (vault, settings)
            : null;
    }

    /// <summary>Decides a data action on a vault in access-policy mode (or an item of it) from its access policies.</summary>
    public static Decision Decide(AzureRequest request, AzureResource vault, KeyVaultSettings settings, IReadOnlyCollection<string> groups, IGroupMembership membership)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(membership);
        var mode = $"key vault `{vault.Name}` uses access policies (enableRbacAuthorization is false), so its access policies alone decide `{request.Action}` at `{request.Scope.Value}`; Azure RBAC data roles and deny assignments do not apply there";
        var action = request.Action.StartsWith("Microsoft.KeyVault/vaults/", StringComparison.OrdinalIgnoreCase) ? request.Action["Microsoft.KeyVault/vaults/".Length..] : request.Action;
        if (!Permissions.TryGetValue(action, out var needed))
        {
            var reason = $"{mode}, and which access-policy permission allows `{request.Action}` is not known to Ward";
            return new Indeterminate(reason, new Explanation($"Indeterminate: {reason}.", []));
        }

        var holders = groups.Prepend(request.PrincipalId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var layers = ImmutableArray.CreateBuilder<LayerEvaluation>();
        (KeyVaultAccessPolicy Policy, string Permission)? allowing = null;
        (KeyVaultAccessPolicy Policy, string Permission)? compound = null;
        (KeyVaultAccessPolicy Policy, string Permission)? unlisted = null;
        for (var i = 0; i < settings.AccessPolicies.Length; i++)
        {
            var policy = settings.AccessPolicies[i];
            var granted = PermissionsOf(policy, needed.Collection).FirstOrDefault(p => p.Equals("all", StringComparison.OrdinalIgnoreCase) || needed.Permissions.Contains(p, StringComparer.OrdinalIgnoreCase));
            if (granted is null)
            {
                continue;
            }

            var names = holders.Contains(policy.ObjectId);
            if (!names && membership.IsGroup(policy.ObjectId) && !membership.KnowsMembersOf(policy.ObjectId))
            {
                // A group whose members the export does not list may hold the principal.
                unlisted ??= (policy, granted);
                continue;
            }

            if (!names)
            {
                continue;
            }

            var by = $"accessPolicies[{i}] for `{policy.ObjectId}`{(policy.ApplicationId is { } app ? $" through application `{app}`" : string.Empty)}: {needed.Collection} `{granted}`";
            layers.Add(new LayerEvaluation($"key vault access policy {i}", vault.Id.Value, policy.ApplicationId is null ? LayerOutcome.Allows : LayerOutcome.Undecided,
                [new StatementMatch($"{vault.Name} access policy {i}", by, StatementEffect.Allow, [])]));
            if (policy.ApplicationId is null)
            {
                allowing ??= (policy, granted);
            }
            else
            {
                compound ??= (policy, granted);
            }
        }

        var what = $"{needed.Collection} permission {string.Join(" or ", needed.Permissions.Select(p => $"`{p}`"))}";
        if (allowing is { } allowed)
        {
            var via = string.Equals(allowed.Policy.ObjectId, request.PrincipalId, StringComparison.OrdinalIgnoreCase) ? string.Empty : $" (through group `{allowed.Policy.ObjectId}`)";
            return new Allowed(() => new Explanation($"Allowed: {mode}; an access policy{via} grants {needed.Collection} `{allowed.Permission}`.", layers.ToImmutable()));
        }

        if (unlisted is { } maybe)
        {
            var reason = $"{mode}; an access policy for `{maybe.Policy.ObjectId}` grants {needed.Collection} `{maybe.Permission}`, a group whose members are not in the export";
            return new Indeterminate(reason, new Explanation($"Indeterminate: {reason}.", layers.ToImmutable()));
        }

        if (compound is { } onBehalf)
        {
            var requirement = $"the principal signs in through application `{onBehalf.Policy.ApplicationId}` (the vault's compound-identity access policy)";
            return new Conditional([requirement], DecisionKind.ImplicitDeny, new Explanation($"Allowed only if {requirement}: {mode}; otherwise implicitly denied.", layers.ToImmutable()));
        }

        return new ImplicitDeny(() => new Explanation($"Implicitly denied: {mode}; no access policy of the principal or its groups grants {what}.", layers.ToImmutable()));
    }

    /// <summary>The object ids the vault's access policies name: who-can asks each of them.</summary>
    public static IEnumerable<string> NamedObjects(KeyVaultSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.AccessPolicies.Select(p => p.ObjectId);
    }

    private static ImmutableArray<string> PermissionsOf(KeyVaultAccessPolicy policy, string collection) => collection switch
    {
        "secrets" => policy.Secrets,
        "keys" => policy.Keys,
        _ => policy.Certificates,
    };
}
