using Ward.Core.Diagnostics;

namespace Ward.Aws.Estate;

/// <summary>
/// One S3 access point, from the <c>AccessPoints</c> of an <c>s3-buckets.json</c> export (<c>aws s3control
/// get-access-point</c>): the bucket it leads to, where requests may come from, and its own Block Public Access
/// setting. Its policy, when it has one, is among the estate's resource policies under <see cref="Arn"/>.
/// </summary>
public sealed record S3AccessPoint
{
    /// <summary><c>arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME</c>.</summary>
    public required string Arn { get; init; }

    public required string Name { get; init; }

    /// <summary>The account that owns the access point.</summary>
    public required string Account { get; init; }

    public required string Region { get; init; }

    /// <summary>The bucket the access point leads to.</summary>
    public required string Bucket { get; init; }

    /// <summary>The bucket's owner: the access point's account unless <c>BucketAccountId</c> names another.</summary>
    public required string BucketAccount { get; init; }

    /// <summary><c>arn:aws:s3:::bucket</c>.</summary>
    public string BucketArn => $"arn:aws:s3:::{Bucket}";

    /// <summary><c>Internet</c> or <c>VPC</c>.</summary>
    public required string NetworkOrigin { get; init; }

    /// <summary>For network origin <c>VPC</c>, the only VPC S3 accepts requests from; null when the export does not name it.</summary>
    public string? VpcId { get; init; }

    public bool IsVpcOnly => string.Equals(NetworkOrigin, "VPC", StringComparison.Ordinal);

    /// <summary>The access point's own Block Public Access setting (every flag on unless turned off when it was created).</summary>
    public S3PublicAccessBlock PublicAccessBlock { get; init; } = S3PublicAccessBlock.None;

    /// <summary>Whether <see cref="PublicAccessBlock"/> was exported.</summary>
    public bool PublicAccessBlockKnown { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>
    /// The bucket resource a request through the access point reaches: an object of the bucket for
    /// <c>…:accesspoint/NAME/object/KEY</c>, the bucket itself for the access point's ARN.
    /// </summary>
    public string BucketResourceFor(string resourceArn)
    {
        const string objectPart = "/object/";
        return resourceArn.Length > Arn.Length + objectPart.Length && resourceArn.AsSpan(Arn.Length).StartsWith(objectPart, StringComparison.Ordinal)
            ? $"{BucketArn}/{resourceArn[(Arn.Length + objectPart.Length)..]}"
            : BucketArn;
    }
}
