namespace Ward.Aws.Edges.Checkers;

/// <summary><c>ward-kms-put-key-policy</c>: kms:PutKeyPolicy rewrites the key policy to let oneself read or write the resource's data.</summary>
public sealed class KmsPutKeyPolicyEdgeChecker() : ResourcePolicyRewriteEdgeChecker("ward-kms-put-key-policy", "AWS::KMS::Key", "key policy", "kms:PutKeyPolicy");
