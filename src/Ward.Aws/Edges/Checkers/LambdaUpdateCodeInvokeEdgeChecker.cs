namespace Ward.Aws.Edges.Checkers;

/// <summary><c>lambda-004</c>: lambda:UpdateFunctionCode, lambda:InvokeFunction on an existing Lambda function.</summary>
public sealed class LambdaUpdateCodeInvokeEdgeChecker() : ExistingServiceRoleEdgeChecker("lambda-004", "lambda.amazonaws.com", "Lambda function", needsInstanceProfile: false, "lambda:UpdateFunctionCode", "lambda:InvokeFunction");
