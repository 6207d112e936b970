namespace Ward.Microsoft.AzureHound;

/// <summary>What one AzureHound file gave: records read into the directory, into the Azure estate, and a note for the input list.</summary>
internal sealed record AzureHoundFile(int EntraRecords, int AzureRecords, string Note);
