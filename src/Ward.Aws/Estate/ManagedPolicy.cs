using System.Collections.Immutable;
using Ward.Aws.Policy.Syntax;

namespace Ward.Aws.Estate;

/// <summary>One version of a managed policy.</summary>
public sealed record ManagedPolicyVersion(string VersionId, bool IsDefault, PolicyDocument? Document, DateTimeOffset? Created);

/// <summary>A customer-managed or AWS-managed policy with all its versions.</summary>
public sealed record ManagedPolicy
{
    public required string Arn { get; init; }

    public required string Name { get; init; }

    public string Path { get; init; } = "/";

    public string? DefaultVersionId { get; init; }

    public ImmutableArray<ManagedPolicyVersion> Versions { get; init; } = [];

    public int AttachmentCount { get; init; }

    public bool IsAwsManaged => Arn.Contains(":iam::aws:policy/", StringComparison.Ordinal);

    /// <summary>
    /// The version in force: the one flagged default, else the one named by <see cref="DefaultVersionId"/>. Null when
    /// the export is contradictory (several flagged defaults, none of them named) or has no such version.
    /// </summary>
    public PolicyDocument? DefaultDocument
    {
        get
        {
            var named = Versions.FirstOrDefault(v => v.VersionId == DefaultVersionId);
            var flagged = Versions.Where(v => v.IsDefault).ToList();
            return flagged.Count switch
            {
                1 => flagged[0].Document,
                0 => named?.Document,
                _ => named is not null && flagged.Contains(named) ? named.Document : null,
            };
        }
    }
}
