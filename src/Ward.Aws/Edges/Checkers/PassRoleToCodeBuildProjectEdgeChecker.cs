namespace Ward.Aws.Edges.Checkers;

/// <summary><c>codebuild-001</c>: iam:PassRole to codebuild.amazonaws.com with codebuild:CreateProject, codebuild:StartBuild.</summary>
public sealed class PassRoleToCodeBuildProjectEdgeChecker() : PassRoleToServiceEdgeChecker("codebuild-001", "codebuild.amazonaws.com", "codebuild:CreateProject", "codebuild:StartBuild");
