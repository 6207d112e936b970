using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.Applications;

/// <summary>
/// A sign-in credential (<see cref="Kind"/>: <c>secret</c>, <c>certificate</c> or, for a legacy symmetric key
/// credential, <c>symmetric key</c>) of an application registration or a service principal, with
/// the service principal of this tenant that signs in with it.
/// </summary>
internal sealed record ApplicationCredential(
    string ObjectId,
    bool OnServicePrincipal,
    string? ObjectName,
    string AppId,
    string Kind,
    string? KeyId,
    string? DisplayName,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    EntraServicePrincipal? ServicePrincipal)
{
    public const string Secret = "secret";

    /// <summary>A client secret (a password credential).</summary>
    public bool IsSecret => string.Equals(Kind, Secret, StringComparison.Ordinal);

    /// <summary><c>application</c> (the app registration) or <c>service principal</c>.</summary>
    public string Holder => OnServicePrincipal ? "service principal" : "application";

    public string Name => ObjectName ?? ObjectId;

    /// <summary><c>secret `provisioning-2023` (key id `…`)</c>.</summary>
    public string Description => $"{Kind} `{DisplayName ?? KeyId ?? "(unnamed)"}`" + (KeyId is null ? string.Empty : $" (key id `{KeyId}`)");

    /// <summary><c>application `Northwind Provisioning` (appId `…`)</c>.</summary>
    public string Owner => $"{Holder} `{Name}` (appId `{AppId}`)";

    /// <summary>Valid at the reference time: no end, or an end after it.</summary>
    public bool IsValidAt(DateTimeOffset reference) => End is not { } end || end > reference;
}
