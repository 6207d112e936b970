namespace Ward.Microsoft;

/// <summary>What an input file was taken for by <see cref="MicrosoftEstateLoader"/>.</summary>
public enum MicrosoftInputKind
{
    /// <summary>A Microsoft Graph response, read into the Entra ID directory.</summary>
    GraphResponse,

    /// <summary>A Microsoft Graph response of a collection Ward does not read; see the diagnostics.</summary>
    GraphResponseNotRead,

    /// <summary>An az CLI or ARM REST export, read into the Azure estate.</summary>
    Azure,

    /// <summary>AzureHound output, read into both.</summary>
    AzureHound,

    /// <summary>Exchange Online PowerShell output (<c>Get-ApplicationAccessPolicy</c>), read beside the directory.</summary>
    ExchangeOnline,

    /// <summary>An empty list: read, nothing in it.</summary>
    Empty,

    /// <summary>Not a Microsoft export Ward reads (left to other providers, or skipped).</summary>
    NotRecognised,

    /// <summary>Missing, unreadable, or not valid JSON.</summary>
    Unreadable,
}
