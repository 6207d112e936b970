namespace Ward.Gcp.Ingest;

/// <summary>Stable codes of Google Cloud input diagnostics (documented in docs/diagnostics.md, "Google Cloud inputs").</summary>
public static class GcpDiagnosticCodes
{
    public const string UnreadableFile = "WARD7001";
    public const string InvalidJson = "WARD7002";
    public const string UnrecognizedFile = "WARD7003";
    public const string WrongShape = "WARD7004";
    public const string MissingField = "WARD7006";
    public const string UnknownEntry = "WARD7007";
    public const string UnknownMember = "WARD7008";
    public const string DeletedMember = "WARD7009";
    public const string Duplicate = "WARD7010";
    public const string UnknownRole = "WARD7011";
    public const string InactiveRole = "WARD7012";
    public const string DanglingServiceAccount = "WARD7013";
    public const string DanglingKey = "WARD7014";
    public const string HierarchyProblem = "WARD7015";
    public const string DanglingMembership = "WARD7016";
    public const string DanglingPolicyBinding = "WARD7020";
    public const string NotRead = "WARD7021";
    public const string UnknownPrincipalSet = "WARD7022";
    public const string UnplacedTags = "WARD7023";
    public const string UnplacedKubernetesRbac = "WARD7024";
    public const string UnknownKubernetesCluster = "WARD7025";
    public const string UnplacedMemberships = "WARD7026";
    public const string PartialMemberships = "WARD7027";
    public const string UnparsableCondition = "WARD7028";
    public const string NothingUsable = "WARD7090";
}
