namespace Ward.Aws.Edges.Checkers;

/// <summary><c>apprunner-002</c>: apprunner:UpdateService on an existing App Runner service.</summary>
public sealed class AppRunnerUpdateServiceEdgeChecker() : ExistingServiceRoleEdgeChecker("apprunner-002", "tasks.apprunner.amazonaws.com", "App Runner service", needsInstanceProfile: false, "apprunner:UpdateService");
