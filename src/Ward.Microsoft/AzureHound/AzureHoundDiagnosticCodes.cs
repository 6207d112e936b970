namespace Ward.Microsoft.AzureHound;

/// <summary>Stable codes of AzureHound input diagnostics (documented in docs/diagnostics.md, "AzureHound (WARD51xx)").</summary>
public static class AzureHoundDiagnosticCodes
{
    /// <summary>A record of a kind Ward does not know (reported once per kind and file, with a count).</summary>
    public const string UnknownKind = "WARD5101";

    /// <summary>A record that is not an object, has no <c>kind</c>, or whose <c>data</c> is not an object; skipped.</summary>
    public const string MalformedRecord = "WARD5102";

    /// <summary>A member, owner or role-assignment principal (or a list's parent) that no record of the inputs holds.</summary>
    public const string DanglingReference = "WARD5103";

    /// <summary>A kind Ward reads but does not analyse yet (reported once per kind and file, with a count).</summary>
    public const string NotAnalysed = "WARD5104";

    /// <summary>Azure role assignments from AzureHound, but no Azure role definitions in the inputs.</summary>
    public const string NoRoleDefinitions = "WARD5105";

    /// <summary>Only the role-filtered kinds of <c>azurehound list</c>: most Azure role assignments are not in the file.</summary>
    public const string PartialRoleAssignments = "WARD5106";

    /// <summary>Directory role assignments scoped <c>/</c>: tenant-wide, or an administrative unit AzureHound cannot name.</summary>
    public const string TenantOrUnitScope = "WARD5107";

    /// <summary>The envelope's <c>meta</c> is not what AzureHound writes (type, version, count).</summary>
    public const string EnvelopeProblem = "WARD5108";

    /// <summary>A line of a JSON Lines file that is not valid JSON; the records after it are not read.</summary>
    public const string InvalidJsonLine = "WARD5109";
}
