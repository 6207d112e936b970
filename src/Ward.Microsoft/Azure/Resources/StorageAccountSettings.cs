namespace Ward.Microsoft.Azure.Resources;

/// <summary>How a storage account authorizes data requests, as far as its keys are concerned.</summary>
public sealed record StorageAccountSettings
{
    /// <summary>
    /// <c>allowSharedKeyAccess</c>: false makes the account refuse its keys (and every SAS signed with them), so
    /// <c>listKeys</c> gives nothing; absent or null means true, Azure's default.
    /// </summary>
    public bool AllowSharedKeyAccess { get; init; } = true;
}
