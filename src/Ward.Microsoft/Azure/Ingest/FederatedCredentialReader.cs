using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Azure.Resources;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>
/// Reads one federated identity credential of a user-assigned managed identity: an entry of
/// <c>az identity federated-credential list</c> (<c>issuer</c>, <c>subject</c>, <c>audiences</c> flat, next to
/// <c>id</c>, <c>name</c>, <c>type</c>, <c>resourceGroup</c>) or of the ARM REST list (the same under
/// <c>properties</c>; API version 2025-01-31-preview may give a <c>claimsMatchingExpression</c> instead of a subject).
/// The identity is the credential id's parent: <c>…/userAssignedIdentities/{identity}/federatedIdentityCredentials/{name}</c>.
/// </summary>
internal static class FederatedCredentialReader
{
    private const string CredentialsSegment = "/federatedIdentityCredentials/";

    /// <summary>Whether an entry without a known <c>type</c> is one: its id is a credential's under a user-assigned identity, and it names an issuer.</summary>
    public static bool IsFederatedCredential(ArmItem item) =>
        item.Has("issuer") && IdentityOf(item.Text("id")) is not null;

    public static IdentityFederatedCredential? Read(ArmItem item, ArmJson json)
    {
        var idText = json.String(item, "id", required: true);
        if (idText is null)
        {
            return null;
        }

        if (IdentityOf(idText) is not { } identity)
        {
            json.Report(AzureDiagnosticCodes.InvalidScope, DiagnosticSeverity.Error, $"federated credential skipped: `{idText}` is not the id of a user-assigned identity's federated credential (`/subscriptions/{{id}}/resourceGroups/{{group}}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{{identity}}/federatedIdentityCredentials/{{name}}`)", item.PathOf("id"));
            return null;
        }

        var name = json.String(item, "name") ?? idText[(idText.LastIndexOf('/') + 1)..];
        var issuer = json.String(item, "issuer", required: true);
        if (issuer is null)
        {
            return null;
        }

        if (item.TryGet("subject", out var written, out var subjectPath) && written.ValueKind != JsonValueKind.String)
        {
            json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`subject` of federated credential `{name}` must be a string, found {ArmJson.Describe(written.ValueKind)}: which tokens it accepts is unknown; skipped", subjectPath);
            return null;
        }

        var subject = json.String(item, "subject");
        var expression = ClaimsMatchingExpression(item, json);
        if (string.IsNullOrEmpty(subject) && expression is null)
        {
            json.Report(AzureDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"federated credential `{name}` of user-assigned identity `{identity.Value}` has neither a `subject` nor a `claimsMatchingExpression`: which tokens it accepts is unknown; skipped", item.PathOf("subject"));
            return null;
        }

        return new IdentityFederatedCredential(
            identity,
            new FederatedIdentityCredential
            {
                Id = idText,
                Name = name,
                Issuer = issuer,
                Subject = expression is null ? subject : null,
                ClaimsMatchingExpression = expression,
                Audiences = json.Strings(item, "audiences"),
            },
            json.At(item.Path));
    }

    /// <summary>The user-assigned identity a credential id belongs to; null for an id of anything else.</summary>
    private static AzureScope? IdentityOf(string? id) =>
        id is not null && id.Contains(CredentialsSegment, StringComparison.OrdinalIgnoreCase)
        && AzureScope.TryParse(id, out var scope, out _) && scope.Parent is { } parent
        && string.Equals(scope.Value[parent.Value.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries)[0], "federatedIdentityCredentials", StringComparison.OrdinalIgnoreCase)
        && parent.Value.Contains($"/providers/{AzureResourceTypes.UserAssignedIdentity}/", StringComparison.OrdinalIgnoreCase)
        && parent.Parent is { Kind: not AzureScopeKind.Resource }
            ? parent
            : null;

    /// <summary>The flexible expression's <c>value</c> (<c>{"value": "…", "languageVersion": 1}</c>); null when there is none.</summary>
    private static string? ClaimsMatchingExpression(ArmItem item, ArmJson json)
    {
        if (!item.TryGet("claimsMatchingExpression", out var expression, out var path))
        {
            return null;
        }

        if (expression.ValueKind != JsonValueKind.Object)
        {
            json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`claimsMatchingExpression` must be an object with a `value`, found {ArmJson.Describe(expression.ValueKind)}; ignored", path);
            return null;
        }

        return json.String(new ArmItem(expression, path), "value") is { Length: > 0 } value ? value : null;
    }
}
