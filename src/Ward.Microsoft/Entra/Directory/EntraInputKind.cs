namespace Ward.Microsoft.Entra.Directory;

/// <summary>What an input file was taken for.</summary>
public enum EntraInputKind
{
    /// <summary>A Microsoft Graph response that was read.</summary>
    GraphResponse,

    /// <summary>A Microsoft Graph response of a collection Ward does not read (or could not place); see the diagnostics.</summary>
    GraphResponseNotRead,

    /// <summary>Not a Microsoft Graph response (an AWS or Azure export, a README): left to other readers.</summary>
    NotRecognised,

    /// <summary>Missing, unreadable, or not valid JSON.</summary>
    Unreadable,
}
