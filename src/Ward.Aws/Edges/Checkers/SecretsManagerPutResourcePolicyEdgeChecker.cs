namespace Ward.Aws.Edges.Checkers;

/// <summary><c>ward-secretsmanager-put-resource-policy</c>: secretsmanager:PutResourcePolicy rewrites the resource policy to let oneself read or write the resource's data.</summary>
public sealed class SecretsManagerPutResourcePolicyEdgeChecker() : ResourcePolicyRewriteEdgeChecker("ward-secretsmanager-put-resource-policy", "AWS::SecretsManager::Secret", "resource policy", "secretsmanager:PutResourcePolicy");
