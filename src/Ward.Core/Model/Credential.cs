namespace Ward.Core.Model;

/// <summary>One credential of an identity, as an export describes it: whether it is active, when it was created, when it was last used.</summary>
public sealed record Credential
{
    public required CredentialKind Kind { get; init; }

    /// <summary>How people name it: <c>password</c>, <c>access key 1</c>, <c>certificate 2</c>.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Whether the credential is active: false when it exists but is disabled, null when the export's value could not
    /// be read (reported at load time), so that rules needing it leave the credential undecided.
    /// </summary>
    public bool? IsActive { get; init; }

    /// <summary>When the credential was created (or last replaced); null when there is none or the export does not say.</summary>
    public DateTimeOffset? Created { get; init; }

    public LastUse LastUsed { get; init; }

    /// <summary>Where it was last used (a region), when the export says.</summary>
    public string? LastUsedRegion { get; init; }

    /// <summary>What it was last used for (a service), when the export says.</summary>
    public string? LastUsedService { get; init; }
}
