namespace Ward.Aws.Edges.Checkers;

/// <summary><c>codebuild-003</c>: codebuild:StartBuildBatch on an existing CodeBuild project.</summary>
public sealed class CodeBuildStartBuildBatchEdgeChecker() : ExistingServiceRoleEdgeChecker("codebuild-003", "codebuild.amazonaws.com", "CodeBuild project", needsInstanceProfile: false, "codebuild:StartBuildBatch");
