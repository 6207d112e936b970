namespace Ward.Aws.Edges.Checkers;

/// <summary><c>lambda-003</c>: lambda:UpdateFunctionCode on an existing Lambda function.</summary>
public sealed class LambdaUpdateCodeEdgeChecker() : ExistingServiceRoleEdgeChecker("lambda-003", "lambda.amazonaws.com", "Lambda function", needsInstanceProfile: false, "lambda:UpdateFunctionCode");
