namespace Ward.Gcp.Iam;

/// <summary>What an input file was taken for.</summary>
public enum GcpInputKind
{
    /// <summary>A Google Cloud export that was read (entries it could not use are in the diagnostics).</summary>
    Read,

    /// <summary>A Google Cloud export with nothing in it (<c>[]</c>, an empty asset export).</summary>
    Empty,

    /// <summary>Not a Google Cloud export Ward reads (another cloud's export, a README): left to other readers.</summary>
    NotRecognised,

    /// <summary>Missing, unreadable, or not valid JSON.</summary>
    Unreadable,
}
