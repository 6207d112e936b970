namespace Ward.Aws.Ingest;

/// <summary>Stable codes of input diagnostics (documented in docs/diagnostics.md).</summary>
public static class IngestDiagnosticCodes
{
    public const string UnreadableFile = "WARD1001";
    public const string InvalidJson = "WARD1002";
    public const string UnrecognizedFile = "WARD1003";
    public const string WrongShape = "WARD1004";
    public const string UnknownField = "WARD1005";
    public const string MissingField = "WARD1006";
    public const string MissingManagedPolicy = "WARD1101";
    public const string DuplicateEntity = "WARD1102";
    public const string UnknownAccount = "WARD1103";
    public const string MissingGroup = "WARD1104";
    public const string MixedAccounts = "WARD1105";
    public const string TruncatedExport = "WARD1106";
    public const string OrganizationProblem = "WARD1201";
    public const string ResourcePolicyEntry = "WARD1301";
    public const string ResourcePolicyType = "WARD1302";
    public const string S3BucketSettings = "WARD1303";
    public const string IdentityCenterProblem = "WARD1501";
    public const string IdentityCenterDanglingReference = "WARD1502";
    public const string IdentityCenterRoleNotFound = "WARD1503";
    public const string CredentialReportMissingColumns = "WARD1401";
    public const string CredentialReportBadLine = "WARD1402";
    public const string CredentialReportBadValue = "WARD1403";
    public const string CredentialReportUnusable = "WARD1404";
    public const string CredentialReportDuplicate = "WARD1405";
    public const string CredentialReportMismatch = "WARD1406";
    public const string CredentialReportUnknownColumn = "WARD1407";
    public const string CredentialReportNoRootLine = "WARD1408";
    public const string CredentialReportNotRecognized = "WARD1409";
    public const string ServiceLastAccessedNoPrincipal = "WARD1451";
    public const string ServiceLastAccessedJobNotCompleted = "WARD1452";
    public const string ServiceLastAccessedTruncated = "WARD1453";
    public const string ServiceLastAccessedDuplicate = "WARD1454";
    public const string ServiceLastAccessedUnknownPrincipal = "WARD1455";
    public const string NothingUsable = "WARD1901";
}
