namespace Ward.Microsoft.Entra.Directory;

/// <summary>A client secret of an application or service principal (Graph never returns the secret itself).</summary>
public sealed record PasswordCredential
{
    public string? KeyId { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>The first characters of the secret, as Graph shows them.</summary>
    public string? Hint { get; init; }

    public DateTimeOffset? StartDateTime { get; init; }

    public DateTimeOffset? EndDateTime { get; init; }
}
