namespace Ward.Aws.Edges.Checkers;

/// <summary><c>ward-ecr-set-repository-policy</c>: ecr:SetRepositoryPolicy rewrites the repository policy to let oneself read or write the resource's data.</summary>
public sealed class EcrSetRepositoryPolicyEdgeChecker() : ResourcePolicyRewriteEdgeChecker("ward-ecr-set-repository-policy", "AWS::ECR::Repository", "repository policy", "ecr:SetRepositoryPolicy");
