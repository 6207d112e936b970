namespace Ward.Microsoft.Entra.Ingest;

/// <summary>Stable codes of Entra ID input diagnostics (documented in docs/diagnostics.md, "Entra ID inputs").</summary>
public static class EntraDiagnosticCodes
{
    /// <summary>A file or folder does not exist or cannot be read.</summary>
    public const string UnreadableFile = "WARD5001";

    /// <summary>A file is not valid JSON (line and column given).</summary>
    public const string InvalidJson = "WARD5002";

    /// <summary>A Graph response of a collection Ward does not read, or a saved Graph error response.</summary>
    public const string GraphResponseNotRead = "WARD5003";

    /// <summary>A value of the wrong JSON type or shape.</summary>
    public const string WrongShape = "WARD5004";

    /// <summary>Fields Ward does not know (one diagnostic per file and object kind).</summary>
    public const string UnknownField = "WARD5005";

    /// <summary>A required field (an object's <c>id</c>, an assignment's <c>principalId</c>) is missing.</summary>
    public const string MissingField = "WARD5006";

    /// <summary>A value Ward cannot use: an id that is not a GUID, an unknown enumeration value, a date that does not parse.</summary>
    public const string InvalidValue = "WARD5007";

    /// <summary>A member or owner list whose parent object cannot be told from the response or its path.</summary>
    public const string RelationWithoutParent = "WARD5008";

    /// <summary>A collection is incomplete: a page says more follows (<c>@odata.nextLink</c>) but the next page is not in the input.</summary>
    public const string IncompleteCollection = "WARD5009";

    /// <summary>The same object appears twice with different content.</summary>
    public const string DuplicateObject = "WARD5010";

    /// <summary>Inputs of several tenants, or two different copies of a tenant-wide object (organization, authorization policy).</summary>
    public const string ConflictingTenantData = "WARD5011";

    /// <summary>A relation names an object that is not in the export: a member, an owner, or a parent.</summary>
    public const string DanglingRelation = "WARD5020";

    /// <summary>A role assignment, eligibility or PIM for Groups assignment names a principal, role, group or scope not in the export.</summary>
    public const string DanglingRoleAssignment = "WARD5021";

    /// <summary>An app role assignment or delegated permission grant names a principal, client, resource or app role not in the export.</summary>
    public const string DanglingAppGrant = "WARD5022";

    /// <summary>A conditional access policy names users, groups or roles that are not in the export.</summary>
    public const string DanglingPolicyReference = "WARD5023";

    /// <summary>A report (registration details, service principal sign-in activity) describes objects not in the export.</summary>
    public const string DanglingReportEntry = "WARD5024";

    /// <summary>A group's exported direct and transitive member lists disagree.</summary>
    public const string MembershipDisagreement = "WARD5030";

    /// <summary>Groups whose members were not exported: memberships through them are unknown.</summary>
    public const string MembershipNotExported = "WARD5031";

    /// <summary>A PIM eligibility schedule that no exported schedule instance stands for, though instances were exported: it is used by its own dates.</summary>
    public const string EligibilityScheduleWithoutInstance = "WARD5032";
}
