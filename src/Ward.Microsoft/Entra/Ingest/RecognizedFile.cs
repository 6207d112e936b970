namespace Ward.Microsoft.Entra.Ingest;

/// <summary>The outcome of recognising one parsed file.</summary>
internal sealed record RecognizedFile(GraphPage? GraphPage, bool IsGraph, string Note)
{
    public static RecognizedFile NotGraph { get; } = new(null, false, "not a Microsoft Graph response");

    public static RecognizedFile Page(GraphPage page) => new(page, true, page.Description);

    public static RecognizedFile NotRead(string note) => new(null, true, note);
}
