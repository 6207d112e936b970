namespace Ward.Aws.Edges.Checkers;

/// <summary><c>ward-s3-put-bucket-policy</c>: s3:PutBucketPolicy rewrites the bucket policy to let oneself read or write the resource's data.</summary>
public sealed class S3PutBucketPolicyEdgeChecker() : ResourcePolicyRewriteEdgeChecker("ward-s3-put-bucket-policy", "AWS::S3::Bucket", "bucket policy", "s3:PutBucketPolicy");
