namespace Ward.Aws.Edges.Checkers;

/// <summary><c>lambda-001</c>: iam:PassRole to lambda.amazonaws.com with lambda:CreateFunction, lambda:InvokeFunction.</summary>
public sealed class PassRoleToLambdaInvokeEdgeChecker() : PassRoleToServiceEdgeChecker("lambda-001", "lambda.amazonaws.com", "lambda:CreateFunction", "lambda:InvokeFunction");
