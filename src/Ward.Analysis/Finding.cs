using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace Ward.Analysis;

/// <summary>One thing Ward reports, in the documented schema (docs/schema/findings.schema.json).</summary>
public sealed record Finding
{
    public required string RuleId { get; init; }

    public required string Category { get; init; }

    public required Severity Severity { get; init; }

    public required string Provider { get; init; }

    public string? Account { get; init; }

    /// <summary>The principal the finding is about (an ARN for AWS, an object id for Entra ID and Azure).</summary>
    public required string Principal { get; init; }

    /// <summary>The name people know the principal by, where the id alone does not say it (a user principal name, a display name).</summary>
    public string? PrincipalName { get; init; }

    /// <summary>
    /// The principal's display name where it differs from <see cref="PrincipalName"/>: an Entra ID user is named by its
    /// user principal name, and this says who it is. Not part of the fingerprint (a rename is the same issue).
    /// </summary>
    public string? PrincipalDisplayName { get; init; }

    public required string Title { get; init; }

    /// <summary>Why: the decisions and statements behind the finding.</summary>
    public required string Explanation { get; init; }

    public ImmutableArray<PathStep> Path { get; init; } = [];

    public required string Remediation { get; init; }

    public ImmutableArray<string> References { get; init; } = [];

    /// <summary>Stable across scans for the same issue: rule, principal and the discriminating detail.</summary>
    public required string Fingerprint { get; init; }

    public static string FingerprintOf(params string[] parts)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 16));
    }
}
