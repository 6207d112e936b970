using Ward.Aws.Policy.Syntax;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Estate;

/// <summary>
/// The resource-based policy of one resource (a bucket, key, queue, topic, secret, function or repository), as
/// read from a <c>resource-policies.json</c> export.
/// </summary>
public sealed record AwsResourcePolicy
{
    /// <summary>The resource's ARN (for S3, <c>arn:aws:s3:::bucket</c>).</summary>
    public required string Arn { get; init; }

    /// <summary>The CloudFormation-style type, e.g. <c>AWS::S3::Bucket</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The account that owns the resource (taken from the export for S3, whose ARNs carry none).</summary>
    public required string Account { get; init; }

    public string? Region { get; init; }

    public required PolicyDocument Document { get; init; }

    /// <summary>Where the entry was read, for diagnostics and reports.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>The name findings and explanations use: the bucket, key id, queue, topic, secret, function, repository or access point.</summary>
    public string Name
    {
        get
        {
            var parts = Arn.Split(':', 6);
            if (parts.Length < 6)
            {
                return Arn;
            }

            var resource = parts[5];
            foreach (var prefix in (ReadOnlySpan<string>)["key/", "secret:", "function:", "repository/", "accesspoint/"])
            {
                if (resource.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return resource[prefix.Length..];
                }
            }

            return resource;
        }
    }
}
