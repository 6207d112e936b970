using System.Text.RegularExpressions;
using Ward.Microsoft.Azure.Resources;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges;

/// <summary>
/// A secret in a key vault that its metadata names as a client secret of an application: its name, content type or a
/// tag value holds the application's id (appId), or a tag value is the application's display name. Whoever reads its
/// value may sign in as the service principal, if the value is a current client secret of it: the exports cannot say,
/// since Ward never reads secret values, so such a secret is only ever a condition. Matched only when the secret is
/// enabled, not expired, not a certificate's own (<c>managed</c>), and the service principal or its application holds
/// a client secret (password credential) valid at the reference time.
/// </summary>
/// <remarks>
/// Display names are matched whole, and only when no other application or service principal of the directory bears
/// the same name: a substring, or a shared name, would make edges up. Each secret is looked up by the ids and names
/// it holds, never compared with every application.
/// </remarks>
public sealed partial record KeyVaultSecretCredential(AzureResource Vault, KeyVaultSecret Secret, EntraServicePrincipal ServicePrincipal, string NamedBy)
{
    /// <summary>Every such secret whose service principal is one of <paramref name="targets"/> (null: any), in vault, secret and service principal order.</summary>
    public static IEnumerable<KeyVaultSecretCredential> Find(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Azure.KeyVaultSecrets.IsEmpty)
        {
            yield break;
        }

        var signers = PasswordSignIns(context, targets).ToList();
        if (signers.Count == 0)
        {
            yield break;
        }

        var byAppId = signers.ToLookup(s => s.AppId, StringComparer.OrdinalIgnoreCase);
        var shared = SharedDisplayNames(context.Directory);
        var byName = signers.Where(s => s.Name is { Length: > 0 } name && !shared.Contains(name)).ToLookup(s => s.Name!, StringComparer.OrdinalIgnoreCase);
        var vaults = context.Azure.ResourcesOfType(AzureResourceTypes.KeyVault).DistinctBy(v => v.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(v => v.Name, StringComparer.OrdinalIgnoreCase);
        var secrets = context.Azure.KeyVaultSecrets
            .Where(s => !s.Managed && s.IsValidAt(context.AsOf))
            .OrderBy(s => s.VaultName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var secret in secrets)
        {
            if (!vaults.TryGetValue(secret.VaultName, out var vault))
            {
                continue;
            }

            var named = Links(secret).SelectMany(link => (link.ByName ? byName[link.Text] : byAppId[link.Text]).Select(s => (s.ServicePrincipal, link.Says)));
            foreach (var (servicePrincipal, says) in named.DistinctBy(n => n.ServicePrincipal.Id, StringComparer.OrdinalIgnoreCase).OrderBy(n => n.ServicePrincipal.Id, StringComparer.Ordinal))
            {
                yield return new KeyVaultSecretCredential(vault, secret, servicePrincipal, says);
            }
        }
    }

    /// <summary>"the secret `crm-sync` of key vault `kv1`", for edge descriptions.</summary>
    public string Describe() => $"the secret `{Secret.Name}` of key vault `{Vault.Name}`";

    /// <summary>What an edge's holder does with the secret, for its description (after what it does first, if anything).</summary>
    public string ReadsAndSignsIn() =>
        $"reads {Describe()}, which names the application `{ServicePrincipal.DisplayName ?? ServicePrincipal.Id}` ({NamedBy}), and signs in as the service principal with the client secret it holds";

    /// <summary>The condition every such edge carries: the value is what the metadata suggests.</summary>
    public string Requirement() =>
        $"{Describe()} holds a current client secret of `{ServicePrincipal.DisplayName ?? ServicePrincipal.Id}` ({NamedBy}; Ward never reads secret values)";

    /// <summary>Service principals that sign in with a client secret valid at the reference time, with their appId and name.</summary>
    private static IEnumerable<(string AppId, string? Name, EntraServicePrincipal ServicePrincipal)> PasswordSignIns(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        foreach (var servicePrincipal in context.Directory.ServicePrincipals.Where(s => (targets?.Contains(s.Id) ?? true) && s.AccountEnabled != false && MicrosoftEdgeContext.IsTakeoverTarget(s)))
        {
            var application = context.Directory.FindApplicationByAppId(servicePrincipal.AppId);
            if (servicePrincipal.PasswordCredentials.Concat(application?.PasswordCredentials ?? []).Any(p => IsValidAt(p, context.AsOf)))
            {
                yield return (servicePrincipal.AppId, application?.DisplayName ?? servicePrincipal.DisplayName, servicePrincipal);
            }
        }
    }

    private static bool IsValidAt(PasswordCredential password, DateTimeOffset instant) =>
        (password.StartDateTime is not { } start || start <= instant) && (password.EndDateTime is not { } end || end > instant);

    /// <summary>Display names more than one application, or more than one service principal, bears: they name none of them.</summary>
    private static HashSet<string> SharedDisplayNames(EntraDirectory directory) =>
        directory.Applications.Select(a => a.DisplayName)
            .GroupBy(n => n, StringComparer.OrdinalIgnoreCase)
            .Concat(directory.ServicePrincipals.Select(s => s.DisplayName).GroupBy(n => n, StringComparer.OrdinalIgnoreCase))
            .Where(g => g.Key is not null && g.Count() > 1)
            .Select(g => g.Key!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>What in the secret's metadata may name an application: each GUID in its name, content type and tag values, and each whole tag value.</summary>
    private static IEnumerable<(string Text, bool ByName, string Says)> Links(KeyVaultSecret secret)
    {
        foreach (Match id in AppIdPattern().Matches(secret.Name))
        {
            yield return (id.Value, false, "its name holds the application's id");
        }

        foreach (Match id in AppIdPattern().Matches(secret.ContentType ?? string.Empty))
        {
            yield return (id.Value, false, "its content type holds the application's id");
        }

        foreach (var (tag, value) in secret.Tags)
        {
            foreach (Match id in AppIdPattern().Matches(value))
            {
                yield return (id.Value, false, $"its tag `{tag}` holds the application's id");
            }

            yield return (value, true, $"its tag `{tag}` is the application's name");
        }
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AppIdPattern();
}
