namespace Ward.Aws.Edges.Checkers;

/// <summary><c>apprunner-001</c>: iam:PassRole to tasks.apprunner.amazonaws.com with apprunner:CreateService.</summary>
public sealed class PassRoleToAppRunnerServiceEdgeChecker() : PassRoleToServiceEdgeChecker("apprunner-001", "tasks.apprunner.amazonaws.com", "apprunner:CreateService");
