namespace Ward.Microsoft.Azure.Ingest;

/// <summary>Stable codes of Azure input diagnostics (documented in docs/diagnostics.md, "Azure inputs").</summary>
public static class AzureDiagnosticCodes
{
    public const string UnreadableFile = "WARD6001";
    public const string InvalidJson = "WARD6002";
    public const string UnrecognizedFile = "WARD6003";
    public const string WrongShape = "WARD6004";
    public const string UnknownField = "WARD6005";
    public const string MissingField = "WARD6006";
    public const string UnknownEntry = "WARD6007";
    public const string InvalidScope = "WARD6008";
    public const string Duplicate = "WARD6010";
    public const string MissingRoleDefinition = "WARD6011";
    public const string HierarchyProblem = "WARD6012";
    public const string UnplacedSubscription = "WARD6013";
    public const string LastPageMissing = "WARD6014";
    public const string DanglingResource = "WARD6015";
    public const string DeletedPrincipal = "WARD6016";
    public const string NothingUsable = "WARD6090";
}
