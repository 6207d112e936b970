namespace Ward.Aws.Edges.Checkers;

/// <summary><c>lambda-005</c>: lambda:UpdateFunctionCode, lambda:AddPermission on an existing Lambda function.</summary>
public sealed class LambdaUpdateCodeAddPermissionEdgeChecker() : ExistingServiceRoleEdgeChecker("lambda-005", "lambda.amazonaws.com", "Lambda function", needsInstanceProfile: false, "lambda:UpdateFunctionCode", "lambda:AddPermission");
