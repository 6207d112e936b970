namespace Ward.Aws.Edges.Checkers;

/// <summary><c>lambda-006</c>: iam:PassRole to lambda.amazonaws.com with lambda:CreateFunction, lambda:AddPermission.</summary>
public sealed class PassRoleToLambdaAddPermissionEdgeChecker() : PassRoleToServiceEdgeChecker("lambda-006", "lambda.amazonaws.com", "lambda:CreateFunction", "lambda:AddPermission");
