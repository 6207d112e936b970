namespace Ward.Aws.Edges.Checkers;

/// <summary><c>codebuild-002</c>: codebuild:StartBuild on an existing CodeBuild project.</summary>
public sealed class CodeBuildStartBuildEdgeChecker() : ExistingServiceRoleEdgeChecker("codebuild-002", "codebuild.amazonaws.com", "CodeBuild project", needsInstanceProfile: false, "codebuild:StartBuild");
