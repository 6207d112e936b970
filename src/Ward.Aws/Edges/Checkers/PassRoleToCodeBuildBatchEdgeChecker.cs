namespace Ward.Aws.Edges.Checkers;

/// <summary><c>codebuild-004</c>: iam:PassRole to codebuild.amazonaws.com with codebuild:CreateProject, codebuild:StartBuildBatch.</summary>
public sealed class PassRoleToCodeBuildBatchEdgeChecker() : PassRoleToServiceEdgeChecker("codebuild-004", "codebuild.amazonaws.com", "codebuild:CreateProject", "codebuild:StartBuildBatch");
