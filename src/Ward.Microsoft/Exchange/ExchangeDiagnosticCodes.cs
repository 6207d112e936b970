namespace Ward.Microsoft.Exchange;

/// <summary>Stable codes of Exchange Online input diagnostics (documented in docs/diagnostics.md, "Exchange Online (WARD52xx)").</summary>
public static class ExchangeDiagnosticCodes
{
    /// <summary>A policy entry that is not an object, or whose <c>AppId</c> is missing or not an application id; skipped.</summary>
    public const string MalformedPolicy = "WARD5201";

    /// <summary>A policy whose <c>AccessRight</c> cannot be read: kept, its effect undecided.</summary>
    public const string UnreadableAccessRight = "WARD5202";

    /// <summary>A policy whose scope's object id cannot be read from <c>ScopeIdentityRaw</c>: kept, whom it covers unknown.</summary>
    public const string UnreadableScope = "WARD5203";

    /// <summary>A policy's scope is not among the exported groups and users: who is in it is unknown.</summary>
    public const string ScopeNotInExport = "WARD5204";
}
